'use strict';
// A throwaway Redis on loopback: no persistence, its folder inside the run's temp folder.
const fs = require('fs');
const net = require('net');
const path = require('path');

const { startProcess } = require('../n8n/process');

/** Sends one command; resolves with the first line of the reply (`+PONG`, `:3`), or '' if none came. */
function command(port, args) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () =>
			socket.write(
				`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`,
			),
		);
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.split('\r\n')[0]));
		socket.on('error', () => resolve(''));
	});
}

const ping = async (port) => (await command(port, ['PING'])) === '+PONG';

/**
 * How many jobs n8n's queue still holds, by Bull's lists (queue "jobs", key prefix "bull", n8n's
 * defaults): waiting, being worked on, paused or delayed. A reply that is no count reads as NaN.
 */
async function queuedJobs({ port }) {
	const count = async (type, list) =>
		Number((await command(port, [type, `bull:jobs:${list}`])).replace(/^:/, '') || NaN);
	const [waiting, active, paused, delayed] = await Promise.all([
		count('LLEN', 'wait'),
		count('LLEN', 'active'),
		count('LLEN', 'paused'),
		count('ZCARD', 'delayed'),
	]);
	return { waiting, active, paused, delayed };
}

async function startRedis({ binary, dir, port }) {
	fs.mkdirSync(dir, { recursive: true });
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
		'--daemonize',
		'no',
		'--protected-mode',
		'yes',
	];
	const server = await startProcess(binary, args, {
		logFile: path.join(dir, 'redis.log'),
		ready: () => ping(port),
		name: 'redis-server',
		timeoutMs: 30000,
	});
	return { ...server, host: '127.0.0.1', port };
}

module.exports = { startRedis, queuedJobs };
