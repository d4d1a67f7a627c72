'use client';
// On the VM engine's disk page: Docker.raw's real size on this machine beside its maximum, and "Reclaim space".
import { useEngineKind } from '@/components/shell/use-engine-kind';
import { useVmStatus } from '@/components/vm/use-vm';
import { VmDiskUsage } from '@/components/vm/vm-disk-usage';

function VmDisk({ pruned }: { pruned: boolean }) {
  const status = useVmStatus();
  if (!status.data) return null;
  const hint = pruned ? 'The cleanup freed space inside the VM. "Reclaim space" now hands it back to this machine: the disk image shrinks.' : undefined;
  return <VmDiskUsage s={status.data} hint={hint} />;
}

export function VmDiskSlot({ engine, pruned }: { engine: string; pruned: boolean }) {
  const kind = useEngineKind(engine);
  return kind === 'vm' ? <VmDisk pruned={pruned} /> : null;
}
