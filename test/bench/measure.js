'use strict';
// Wall time, CPU time and peak resident memory of one measured step in this process.

/** Runs `work` and reports wall ms, CPU ms (user + system) and the peak RSS above `baselineRss`. */
async function measure(work, baselineRss) {
	let peakRss = process.memoryUsage.rss();
	const baselineHeap = process.memoryUsage().heapUsed;
	let peakHeap = baselineHeap;
	const sampler = setInterval(() => {
		const usage = process.memoryUsage();
		peakRss = Math.max(peakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
	}, 10);
	const cpuStart = process.cpuUsage();
	const started = performance.now();
	const result = await work();
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuStart);
	clearInterval(sampler);
	peakRss = Math.max(peakRss, process.memoryUsage.rss());
	return {
		result,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		peakRssAboveInputMb: (peakRss - baselineRss) / 1e6,
		peakHeapAboveInputMb: (peakHeap - baselineHeap) / 1e6,
	};
}

/** Resident memory once garbage is collected (needs --expose-gc). */
function settledRss() {
	if (global.gc) {
		global.gc();
		global.gc();
	}
	return process.memoryUsage.rss();
}

module.exports = { measure, settledRss };
