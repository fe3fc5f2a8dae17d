export { VmwareVcenterApi } from './credentials/VmwareVcenterApi.credentials';
export { VmwareVcenter } from './nodes/VmwareVcenter/VmwareVcenter.node';
export { VmwareVcenterTrigger } from './nodes/VmwareVcenter/VmwareVcenterTrigger.node';
export { CohesityApi } from './credentials/CohesityApi.credentials';
export { Cohesity } from './nodes/Cohesity/Cohesity.node';
export { CohesityTrigger } from './nodes/Cohesity/CohesityTrigger.node';
export type { JobState, JobStatus, JobStep, Vendor } from './nodes/shared/jobStatus';
