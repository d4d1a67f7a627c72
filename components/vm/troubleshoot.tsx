'use client';
// /vm/troubleshoot: rebuild the VM image (data kept) and reset to factory defaults (data deleted, typed confirmation).
import { useState } from 'react';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { CONFIRM_PHRASE } from '@/lib/vm-settings';
import { OperationPanel } from './operation-panel';
import { StartPhases } from './start-phases';
import { TypedConfirmation } from './typed-confirmation';
import { useVmActions, useVmStatus } from './use-vm';

function Row({ title, children, action }: { title: string; children: React.ReactNode; action: React.ReactNode }) {
  return (
    <div className="flex items-start gap-6 py-4">
      <div className="min-w-0 flex-1">
        <h2 className="text-[13px] font-semibold">{title}</h2>
        <div className="mt-1 text-[13px] text-muted">{children}</div>
      </div>
      <div className="shrink-0">{action}</div>
    </div>
  );
}

export function Troubleshoot() {
  const status = useVmStatus();
  const a = useVmActions();
  const canChange = useCanChange();
  const [ask, setAsk] = useState<'rebuild' | 'reset' | null>(null);
  const [typed, setTyped] = useState('');
  const s = status.data;
  const busy = Boolean(s?.operation && !s.operation.finishedAt);
  const close = () => {
    setAsk(null);
    setTyped('');
    a.reset.reset();
    a.rebuild.reset();
  };
  return (
    <div className="max-w-3xl">
      {s ? <OperationPanel operation={s.operation} kinds={['rebuild', 'reset']} /> : null}
      <section className="border-b border-line pb-4" aria-labelledby="start-phases">
        <h2 id="start-phases" className="text-[13px] font-semibold">
          Start phases
        </h2>
        <p className="mt-1 mb-2 text-[13px] text-muted">
          How long the running VM’s last start took, from QEMU’s process to Docker Engine’s first answer; timed from the host and from the guest’s uptime on its console.
        </p>
        {s ? <StartPhases boot={s.boot} /> : null}
      </section>
      <div className="divide-y divide-line">
        <Row
          title="Rebuild VM image"
          action={
            <Button size="md" disabled={!canChange || busy} onClick={() => setAsk('rebuild')}>
              Rebuild
            </Button>
          }
        >
          Builds the kernel, initramfs and root file system again from Debian packages. Images, containers and volumes stay: they live on the data disk. A running VM stops and starts again.
        </Row>
        <Row
          title="Reset to factory defaults"
          action={
            <Button size="md" variant="danger" disabled={!canChange || busy} onClick={() => setAsk('reset')}>
              Reset…
            </Button>
          }
        >
          Stops the VM, deletes its data disk and returns its settings to the defaults. Every image, container and volume in the VM is lost.
        </Row>
      </div>
      <ConfirmDialog
        open={ask === 'rebuild'}
        title="Rebuild the VM image?"
        confirmLabel="Rebuild"
        busy={a.rebuild.isPending}
        onCancel={close}
        onConfirm={() => a.rebuild.mutate(undefined, { onSuccess: close })}
      >
        <p>This takes about a minute; the data disk is kept.</p>
        {a.rebuild.error ? <ErrorBanner error={a.rebuild.error} /> : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={ask === 'reset'}
        title="Delete the VM’s data?"
        confirmLabel="Reset"
        danger
        busy={a.reset.isPending}
        disabled={typed !== CONFIRM_PHRASE}
        onCancel={close}
        onConfirm={() => a.reset.mutate({ confirm: typed }, { onSuccess: close })}
      >
        <p className="text-fg">Every image, container and volume in the VM is deleted. This cannot be undone.</p>
        <TypedConfirmation value={typed} onChange={setTyped} />
        {a.reset.error ? <ErrorBanner error={a.reset.error} /> : null}
      </ConfirmDialog>
    </div>
  );
}
