'use strict';
// Free loopback ports, asked of the system, so the stack runs beside anything else on the machine.
const net = require('net');

/** `count` distinct free ports (held open together while picking, so none repeats). */
async function freePorts(count) {
	const probes = [];
	try {
		for (let i = 0; i < count; i++) {
			const probe = net.createServer();
			await new Promise((resolve, reject) => {
				probe.once('error', reject);
				probe.listen(0, '127.0.0.1', resolve);
			});
			probes.push(probe);
		}
		return probes.map((probe) => probe.address().port);
	} finally {
		await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
	}
}

module.exports = { freePorts };
