// Berth's own Linux VM with Docker Engine inside, registered as the engine "vm" while it runs.
export { VmManager, formatBytes, type VmOperation, type VmOperationKind, type VmState, type VmStatusView } from './manager';
export { vmPaths, type VmPaths } from './paths';
export { settingsSchema, type VmSettings } from './settings';
