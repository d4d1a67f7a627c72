'use client';
// Asks before removing containers, with Docker's two options: force (stop first) and anonymous volumes.
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function RemoveDialog({
  names,
  anyRunning,
  busy,
  onConfirm,
  onCancel,
}: {
  names: string[] | null;
  anyRunning: boolean;
  busy: boolean;
  onConfirm: (opts: { force: boolean; volumes: boolean }) => void;
  onCancel: () => void;
}) {
  const [force, setForce] = useState(false);
  const [volumes, setVolumes] = useState(false);
  useEffect(() => {
    if (names) {
      setForce(anyRunning);
      setVolumes(false);
    }
  }, [names, anyRunning]);
  const title = names && names.length === 1 ? `Remove ${names[0]}?` : `Remove ${names?.length ?? 0} containers?`;
  return (
    <ConfirmDialog open={names !== null} title={title} confirmLabel="Remove" danger busy={busy} onCancel={onCancel} onConfirm={() => onConfirm({ force, volumes })}>
      <p>The container and its writable layer are deleted. Named volumes are kept.</p>
      {names && names.length > 1 ? <p className="max-h-24 overflow-auto font-mono text-[12px] text-fg">{names.join(', ')}</p> : null}
      <label className="flex items-center gap-2 text-fg">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Force (stop it first if running)
      </label>
      <label className="flex items-center gap-2 text-fg">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
        Also remove anonymous volumes
      </label>
    </ConfirmDialog>
  );
}
