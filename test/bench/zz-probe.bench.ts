import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { VcenterSimulator } from '../simulators/vcenter';
const subject: NodeUnderTest = { type: 'x.vmwareVcenter', node: new VmwareVcenter(), credentialType: new VmwareVcenterApi() };
it('probe', async () => {
	const sim = new VcenterSimulator();
	const baseUrl = await sim.start();
	const c = credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password });
	const items = Array.from({ length: 200 }, () => ({ id: '20240314-020001-21560480' }));
	await runNode(subject, c, { resource: 'backupJob', operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, { items });
	sim.resetStats();
	await runNode(subject, c, { resource: 'backupJob', operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, { items });
	const ports = new Set(sim.requests.map((r) => JSON.stringify(r.headers)));
	console.log(JSON.stringify(sim.requests[0].headers), ports.size);
	await sim.stop();
});
