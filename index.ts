export { VmwareVcenterApi } from './credentials/VmwareVcenterApi.credentials';
export { VmwareVcenter } from './nodes/VmwareVcenter/VmwareVcenter.node';
export type { JobState, JobStatus, JobStep, Vendor } from './nodes/shared/jobStatus';
