'use strict';
// A throwaway Redis on loopback: no persistence, its folder inside the run's temp folder.
const fs = require('fs');
const net = require('net');
const path = require('path');

const { startProcess } = require('../n8n/process');

/** Sends PING and resolves true on +PONG. */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

async function startRedis({ binary, dir, port }) {
	fs.mkdirSync(dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes'];
	const server = await startProcess(binary, args, { logFile: path.join(dir, 'redis.log'), ready: () => ping(port), name: 'redis-server', timeoutMs: 30000 });
	return { ...server, host: '127.0.0.1', port };
}

module.exports = { startRedis };
