// Slot for the VM's data disk (Docker.raw): its real size on the host vs its maximum, and "Reclaim space" after a cleanup.
// The VM's router (server/vm/, another engineer's) has no vm.disk / vm.reclaim procedure yet: until it does, this renders
// nothing. When it lands: for engine === 'vm', query vm.disk and offer vm.reclaim (a mutation) once `pruned` is true.
export function VmDiskSlot({ engine, pruned }: { engine: string; pruned: boolean }) {
  if (engine !== 'vm') return null;
  void pruned;
  return null;
}
