'use client';
// On a container's page in the VM: the published ports this machine could not open for it, as sentences.
import { AlertTriangle } from 'lucide-react';
import { useEngineKind } from '@/components/shell/use-engine-kind';
import { useVmStatus } from './use-vm';

function Notice({ containerId }: { containerId: string }) {
  const status = useVmStatus();
  const failed = (status.data?.ports ?? []).filter((p) => p.error && p.containerId === containerId);
  if (failed.length === 0) return null;
  return (
    <div role="alert" className="mx-4 mt-3 flex flex-col gap-1 rounded-md border border-warn/40 bg-warn/8 px-3 py-2 text-[13px]">
      {failed.map((p) => (
        <p key={`${p.proto}:${p.hostPort}`} className="flex items-start gap-2">
          <AlertTriangle className="mt-0.5 size-4 shrink-0 text-warn" aria-hidden />
          {p.error}
        </p>
      ))}
    </div>
  );
}

export function VmPortNotice({ engine, containerId }: { engine: string; containerId: string | undefined }) {
  const kind = useEngineKind(engine);
  return kind === 'vm' && containerId ? <Notice containerId={containerId} /> : null;
}
