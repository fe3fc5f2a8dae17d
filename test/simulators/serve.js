#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Launcher for e2e scripts, `npm start` and benchmarks:
 *   node test/simulators/serve.js [--vendors vcenter,...] [--port-file FILE]
 * Prints ONE JSON line {"<vendor>":{"baseUrl":…, …credentials}} and runs until SIGINT/SIGTERM.
 * Fixed ports: SIM_<VENDOR>_PORT (e.g. SIM_VCENTER_PORT=8443); default 0 = random. SIM_LATENCY_MS delays
 * every answer (benchmarks: 50); POST /__sim/latency changes it on a running simulator.
 */
const fs = require('node:fs');
const { VcenterSimulator } = require('./vcenter');
const { CohesitySimulator } = require('./cohesity');
const { CommvaultSimulator } = require('./commvault');
const { VeeamSimulator } = require('./veeam');
const { HuaweiSimulator } = require('./huawei');
const { VeeamBrSimulator } = require('./veeamBr');

/** One line per vendor; the first key is also the default set. @type {Record<string, () => import('./framework').SimulatorServer>} */
const REGISTRY = {
	vcenter: () => new VcenterSimulator(),
	cohesity: () => new CohesitySimulator(),
	commvault: () => new CommvaultSimulator(),
	veeam: () => new VeeamSimulator(),
	huawei: () => new HuaweiSimulator(),
	veeamBr: () => new VeeamBrSimulator(),
};

/**
 * Starts the named simulators. Exported so Node scripts (bench, demo) can reuse it in-process.
 * @param {string[]} [vendors]
 * @param {Record<string, string | undefined>} [env]
 */
async function startSimulators(vendors = Object.keys(REGISTRY), env = process.env) {
	const unknown = vendors.filter((v) => !REGISTRY[v]);
	if (unknown.length) throw new Error(`unknown vendor(s): ${unknown.join(', ')}; known: ${Object.keys(REGISTRY).join(', ')}`);
	/** @type {Record<string, import('./framework').SimulatorServer>} */
	const sims = {};
	/** @type {Record<string, Record<string, unknown>>} */
	const info = {};
	try {
		for (const vendor of vendors) {
			const sim = REGISTRY[vendor]();
			const port = Number(env[`SIM_${vendor.toUpperCase()}_PORT`] ?? 0);
			sims[vendor] = sim; // before start() so a failed start still gets stopped below
			sim.latencyMs = Number(env.SIM_LATENCY_MS ?? 0) || 0;
			info[vendor] = { baseUrl: await sim.start(port), ...sim.describe() };
		}
	} catch (err) {
		await Promise.all(Object.values(sims).map((s) => s.stop()));
		throw err;
	}
	return { sims, info, stop: () => Promise.all(Object.values(sims).map((s) => s.stop())) };
}

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {{ vendors?: string[], portFile?: string }} */
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		const value = () => inline ?? argv[++i];
		if (flag === '--vendors') out.vendors = value().split(',').map((v) => v.trim()).filter(Boolean);
		else if (flag === '--port-file') out.portFile = value();
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return out;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const { info, stop } = await startSimulators(args.vendors);
	const line = JSON.stringify(info);
	if (args.portFile) {
		// Write then rename, so a script polling for the file never reads half of it.
		fs.writeFileSync(`${args.portFile}.tmp`, `${line}\n`);
		fs.renameSync(`${args.portFile}.tmp`, args.portFile);
	}
	process.stdout.write(`${line}\n`);
	const shutdown = () => {
		stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((err) => {
		process.stderr.write(`simulators: ${err?.message ?? err}\n`);
		process.exit(1);
	});
}

module.exports = { REGISTRY, startSimulators };
