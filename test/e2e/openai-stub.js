'use strict';
// A scripted OpenAI-compatible chat model on loopback: `POST /v1/chat/completions` answers with the
// next step of a script (a tool call, then the next, then a final answer) and records every request,
// so a test can check what the AI Agent sent to the model (tools, their descriptions, tool results).
const http = require('http');

/**
 * `script` is a list of steps; each step is a function of the request body that returns either
 * `{ tool: <predicate on a tool>, args }` (call the first tool the predicate accepts) or
 * `{ content }` (the final answer).
 */
function startOpenAiStub(script) {
	const requests = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ error: { message: `No stub for ${req.url}` } }));
			}
			const request = JSON.parse(body);
			requests.push(request);
			const step = script[Math.min(requests.length, script.length) - 1](request);
			const message = step.content
				? { role: 'assistant', content: step.content }
				: toolCall(request, step, requests.length);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					id: `chatcmpl-stub-${requests.length}`,
					object: 'chat.completion',
					created: Math.floor(Date.now() / 1000),
					model: request.model,
					choices: [
						{
							index: 0,
							message,
							finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
						},
					],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}/v1`,
				requests,
				close: () => new Promise((done) => server.close(done)),
			}),
		);
	});
}

function toolCall(request, step, n) {
	const tool = (request.tools ?? []).map((t) => t.function).find(step.tool);
	if (!tool)
		return { role: 'assistant', content: `The stub found no tool for step ${n} in the request.` };
	return {
		role: 'assistant',
		content: null,
		tool_calls: [
			{
				id: `call_${n}`,
				type: 'function',
				function: { name: tool.name, arguments: JSON.stringify(step.args) },
			},
		],
	};
}

module.exports = { startOpenAiStub };
