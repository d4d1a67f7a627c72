// Berth's own Linux VM with Docker Engine inside, offered as the engine "vm" while it runs.
export { VmManager, type VmLogKind } from './manager';
export type { VmOperation, VmOperationKind } from './operations';
export type { VmState, VmStatusView } from './status';
export { vmPaths, type VmPaths } from './paths';
