#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * A loopback stand-in for what the example workflows send to outside the backup products: a generic
 * ticket API (`POST /api/tickets`) and a chat webhook (`POST /api/chat`). It records every request
 * body, so tests and the demo can show which tickets and messages a workflow produced.
 *
 *   node test/simulators/helpdesk.js [--port-file FILE]   prints {"baseUrl": …} and runs until SIGTERM
 *
 * GET /api/tickets and GET /api/chat list what was received, oldest first; POST /__sim/reset forgets it.
 */
const fs = require('node:fs');
const { SimulatorServer } = require('./framework');

/**
 * @typedef {import('./framework').SimRequest} SimRequest
 * @typedef {{ id: string, number: string, receivedAt: string, body: any }} Ticket
 * @typedef {{ receivedAt: string, body: any }} ChatMessage
 */

class HelpdeskSimulator extends SimulatorServer {
	/** @type {Ticket[]} */
	tickets = [];
	/** @type {ChatMessage[]} */
	messages = [];

	constructor() {
		super({ name: 'helpdesk', errorBody: (status, message) => ({ error: { status, message } }) });
		this.route('POST', '/api/tickets', (req) => this.#openTicket(req));
		this.route('GET', '/api/tickets', () => ({ status: 200, body: { tickets: this.tickets } }));
		this.route('POST', '/api/chat', (req) => this.#post(req));
		this.route('GET', '/api/chat', () => ({ status: 200, body: { messages: this.messages } }));
	}

	reset() {
		this.tickets = [];
		this.messages = [];
	}

	/** A ticket needs a title, as every ticket API does; the whole body is kept. @param {SimRequest} req */
	#openTicket(req) {
		if (!req.json || typeof req.json.title !== 'string' || req.json.title.trim() === '') {
			return { status: 400, body: { error: { status: 400, message: 'A ticket needs a "title".' } } };
		}
		const n = this.tickets.length + 1;
		const ticket = { id: `T-${1000 + n}`, number: `INC${String(n).padStart(7, '0')}`, receivedAt: new Date().toISOString(), body: req.json };
		this.tickets.push(ticket);
		return { status: 201, body: { id: ticket.id, number: ticket.number, status: 'new' } };
	}

	/** @param {SimRequest} req */
	#post(req) {
		if (!req.json || typeof req.json.text !== 'string') return { status: 400, body: { error: { status: 400, message: 'A message needs a "text".' } } };
		this.messages.push({ receivedAt: new Date().toISOString(), body: req.json });
		return { status: 200, body: { ok: true } };
	}
}

async function main() {
	const i = process.argv.indexOf('--port-file');
	const portFile = i > 0 ? process.argv[i + 1] : undefined;
	const sim = new HelpdeskSimulator();
	const baseUrl = await sim.start(Number(process.env.SIM_HELPDESK_PORT ?? 0));
	const line = JSON.stringify({ baseUrl });
	if (portFile) {
		fs.writeFileSync(`${portFile}.tmp`, `${line}\n`);
		fs.renameSync(`${portFile}.tmp`, portFile);
	}
	process.stdout.write(`${line}\n`);
	const shutdown = () => {
		sim.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((err) => {
		process.stderr.write(`helpdesk: ${err?.message ?? err}\n`);
		process.exit(1);
	});
}

module.exports = { HelpdeskSimulator };
