'use client';
// Asks before removing containers, with Docker's two options: force (stop first) and anonymous volumes.
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { RemoveOptions } from './use-container-actions';

const LIVE = new Set(['running', 'paused', 'restarting']);

export function RemoveDialog({
  targets,
  busy,
  onConfirm,
  onCancel,
}: {
  targets: { name: string; state: string }[] | null;
  busy: boolean;
  onConfirm: (opts: Required<RemoveOptions>) => void;
  onCancel: () => void;
}) {
  const open = targets !== null;
  const anyRunning = Boolean(targets?.some((t) => LIVE.has(t.state)));
  const [force, setForce] = useState(false);
  const [volumes, setVolumes] = useState(false);
  // Fresh choices each time the dialog opens, not on every refresh of the list behind it.
  useEffect(() => {
    if (open) {
      setForce(anyRunning);
      setVolumes(false);
    }
  }, [open]);
  const names = targets?.map((t) => t.name) ?? [];
  const title = names.length === 1 ? `Remove ${names[0]}?` : `Remove ${names.length} containers?`;
  return (
    <ConfirmDialog open={open} title={title} confirmLabel="Remove" danger busy={busy} onCancel={onCancel} onConfirm={() => onConfirm({ force, volumes })}>
      <p>The container and its writable layer are deleted. Named volumes are kept.</p>
      {names.length > 1 ? <p className="max-h-24 overflow-auto font-mono text-[12px] break-words text-fg">{names.join(', ')}</p> : null}
      {anyRunning && !force ? <p className="text-warn">Some of these are running: without “force” Docker refuses to remove them.</p> : null}
      <label className="flex items-center gap-2 text-fg">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} className="size-3.5 accent-accent" />
        Force (stop it first if running)
      </label>
      <label className="flex items-center gap-2 text-fg">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} className="size-3.5 accent-accent" />
        Also remove anonymous volumes
      </label>
    </ConfirmDialog>
  );
}
