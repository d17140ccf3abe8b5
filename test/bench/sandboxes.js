'use strict';
const { spawn } = require('child_process');
const path = require('path');

/** Starts the sandbox process and resolves with its URLs and a stop function. */
function startSandboxes(settings = {}) {
	const child = spawn(
		process.execPath,
		[path.join(__dirname, 'sandbox-process.js'), JSON.stringify(settings)],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	return new Promise((resolve, reject) => {
		let buffered = '';
		child.stdout.on('data', (chunk) => {
			buffered += chunk;
			if (!buffered.includes('\n')) return;
			resolve({ ...JSON.parse(buffered.split('\n')[0]), stop: () => child.kill() });
		});
		child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
	});
}

async function control(baseUrl, path, method = 'GET', body) {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return text ? JSON.parse(text) : undefined;
}

/** What the engine harness needs to reach the Ruler sandbox at `ruler`: the sandbox user's login. */
function rulerSandbox(ruler) {
	return {
		credentials: () => ({
			authMethod: 'password',
			username: 'ruler.user@example.com',
			password: 'correct horse battery',
			sessionToken: '',
			apiUrl: ruler,
			authUrl: ruler,
		}),
	};
}

module.exports = { startSandboxes, control, rulerSandbox };
