#!/usr/bin/env node
'use strict';
/**
 * Stand-in for n8n in test/unit/demo-stop.test.ts (written into the cache by stand-ins/npm.js): imports
 * succeed, `n8n start` answers the readiness and login routes the demo calls on $N8N_PORT and starts a
 * task-runner child that it leaves behind when stopped, as a crashing n8n would; both pids go to
 * $STAND_IN_PIDS. The demo then has to end n8n's whole process group.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const cmd = process.argv[2];
if (cmd === '--version') {
	process.stdout.write('2.41.1\n');
} else if (cmd === 'start') {
	const runner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
	fs.writeFileSync(path.join(process.env.STAND_IN_PIDS, `n8n-start-${process.pid}`), `${process.pid} ${runner.pid}\n`);
	const server = http.createServer((req, res) => {
		if (req.url === '/healthz/readiness') return res.end('{"status":"ok"}');
		if (req.url === '/rest/login') {
			res.setHeader('set-cookie', 'n8n-auth=stand-in; Path=/');
			return res.end('{"data":{}}');
		}
		res.statusCode = 404;
		res.end('{}');
	});
	server.listen(Number(process.env.N8N_PORT), '127.0.0.1');
	process.on('SIGTERM', () => process.exit(0));
} else if (!String(cmd).startsWith('import:')) {
	process.stderr.write(`n8n stand-in: ${cmd} is not stood in for\n`);
	process.exitCode = 1;
}
