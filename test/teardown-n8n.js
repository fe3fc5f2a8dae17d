// n8n-core's node contexts start interval timers that would keep jest from exiting.
afterAll(() => {
	const { Container } = require('@n8n/di');
	for (const [mod, name, timer] of [
		['n8n-core/dist/execution-engine/ssh-clients-manager', 'SSHClientsManager', 'cleanupTimer'],
		['n8n-core/dist/execution-engine/scheduled-task-manager', 'ScheduledTaskManager', 'logInterval'],
	]) {
		let cls;
		try {
			cls = require(mod)[name];
		} catch {
			continue;
		}
		if (cls && Container.has(cls)) clearInterval(Container.get(cls)[timer]);
	}
});
