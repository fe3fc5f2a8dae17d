// @ts-check
'use strict';
/**
 * The floor a checking node is measured against (issue 23): what any node that answers the same
 * question inside n8n must spend. It carries the vendor node's own parameters, so the same expressions
 * resolve the same way; it reads, per item, each parameter the operation needs once; it sends the
 * requests the vendor node sent (the bench records them from the simulator) through n8n's authenticated
 * request helper with the same credential, as many at once as Concurrent Requests allows (pages one
 * after the other, as their cursors require; or the first alone, then the rest side by side, where they
 * need only the first's answer); and it returns one empty item per input item, or each
 * record of the answers as received. It checks, normalizes, groups and copies nothing: whatever the
 * vendor node spends beyond this is its own.
 *
 * The plan (the hidden `floorPlan` parameter, JSON): `{ credentialType, once: [[name, fallback,
 * options?]], reads: [[name, fallback, options?]], requests: [{ method, url, headers }], concurrency,
 * sequential: true | false | 'afterFirst', output: 'items' | 'records' }`.
 */

const PLAN = { displayName: 'Floor Plan', name: 'floorPlan', type: 'string', default: '' };

/**
 * The floor node type of one vendor node, from the package's built node next to it.
 * @param {string} file e.g. 'VmwareVcenter/VmwareVcenter' @param {string} className
 */
function floorOf(file, className) {
	const { [className]: Vendor } = require(`n8n-nodes-backup-jobs/dist/nodes/${file}.node.js`);
	const vendor = new Vendor().description;
	const name = `Floor${className}`;
	// A computed key names the class, which n8n's loader records.
	return {
		[name]: class {
			constructor() {
				this.description = {
					...vendor,
					displayName: `Floor of ${vendor.displayName}`,
					name: `floor${className}`,
					usableAsTool: undefined,
					// n8n refuses icon paths outside the package, and the vendor's point into its own
					icon: undefined,
					properties: [...vendor.properties, PLAN],
				};
			}

			/** @this {any} */
			async execute() {
				return [await runFloor(this)];
			}
		},
	}[name];
}

/** @param {any} ctx */
async function runFloor(ctx) {
	const plan = JSON.parse(String(ctx.getNodeParameter('floorPlan', 0)));
	const count = ctx.getInputData().length;
	for (const [name, fallback, options] of plan.once) ctx.getNodeParameter(name, 0, fallback, options);
	for (let i = 0; i < count; i++) {
		for (const [name, fallback, options] of plan.reads) ctx.getNodeParameter(name, i, fallback, options);
	}
	const bodies = await replay(ctx, plan);
	if (plan.output === 'records') return bodies.flatMap(recordsOf).map((json) => ({ json, pairedItem: { item: 0 } }));
	return Array.from({ length: count }, (_, i) => ({ json: {}, pairedItem: { item: i } }));
}

/** The recorded requests, at most `concurrency` in flight (one when `sequential` is true, the first alone when 'afterFirst'); the answers' bodies in order. @param {any} ctx @param {any} plan */
async function replay(ctx, plan) {
	/** @type {Array<{ method: string, url: string, headers: Record<string, string> }>} */
	const requests = plan.requests;
	/** @type {unknown[]} */
	const bodies = new Array(requests.length);
	const send = async (/** @type {number} */ k) => {
		const { method, url, headers } = requests[k];
		const response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, plan.credentialType, {
			method,
			url,
			headers,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 60000,
		});
		if (response.statusCode >= 400) throw new Error(`floor: ${method} ${url} answered ${response.statusCode}`);
		bodies[k] = response.body;
	};
	let next = 0;
	if (plan.sequential === 'afterFirst' && requests.length > 0) await send(next++);
	const worker = async () => {
		while (next < requests.length) await send(next++);
	};
	const width = plan.sequential === true ? 1 : plan.concurrency;
	await Promise.all(Array.from({ length: Math.min(width, requests.length) }, worker));
	return bodies;
}

/** The records of an answer as received: its longest list of objects (within three levels), or the objects of a map keyed by id, whichever holds more. @param {unknown} body */
function recordsOf(body) {
	/** @type {object[]} */
	let best = [];
	/** @param {unknown} value @param {number} depth */
	const visit = (value, depth) => {
		if (Array.isArray(value)) {
			const objects = value.filter((v) => typeof v === 'object' && v !== null);
			if (objects.length > best.length) best = objects;
			return;
		}
		if (typeof value !== 'object' || value === null || depth > 3) return;
		for (const child of Object.values(value)) visit(child, depth + 1);
	};
	visit(body, 0);
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return best;
	// A map keyed by id (vCenter's details) has more records than any list inside one of them.
	const values = Object.values(body).filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
	return values.length > best.length ? values : best;
}

module.exports = { floorOf };
