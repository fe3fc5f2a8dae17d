/**
 * DR orchestration phase ids and the names the Command Center shows for them (the vendor SDK's
 * phase table; 45–47 are not defined).
 */
const PHASES: readonly string[] = [
	'Script Execution', 'Power On', 'Power Off', 'Reboot', 'Guest Tools Status Check', 'Create Network Switch',
	'Delete Network Switch', 'Replication', 'Backup', 'Configure Network Switch', 'Port Configuration',
	'IP Masquerading', 'Static IP Mapping', 'Initialization', 'Waiting on IP Assignment', 'Disable Sync',
	'Enable Sync', 'Create Snapshot', 'Delete Snapshot', 'Revert Snapshot', 'Disable Network Adapter',
	'Auxiliary Copy', 'Post Operation', 'Backup Copy', 'Shutdown', 'Storage Operation',
	'Finalize', 'DR Approval', 'Delete VM', 'Create VM', 'Get VM Information', 'Create DR VM',
	'Post VM Failover', 'Mount Snap Primary', 'DR VM Snap Mount', 'Break Volume Relationship',
	'Resync Volume Relationship', 'DR VM Snap Unmount', 'DR Test VM Snap Mount', 'DR Test VM Snap Unmount',
	'Delete DR VM', 'Post VM Failover (Snap)', 'Clone VM', 'Refresh VM', 'Check VM Boot Status',
	'', '', '', 'Live Mount', 'Initialize Undo Failover', 'Post Undo Failover', 'Restore VM', 'Pre Script Execution',
	'Post Script Execution', 'VM Level',
];

/** The phase's name, or "Phase N" for an id this table does not know (newer service packs). */
export function phaseName(id: number | undefined): string {
	if (id === undefined) return 'Phase';
	return PHASES[id] || `Phase ${id}`;
}
