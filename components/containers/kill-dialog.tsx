'use client';
// Asks before killing: unlike Stop, Kill gives the processes no chance to finish their work.
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function KillDialog({ targets, busy, onConfirm, onCancel }: { targets: { name: string }[] | null; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const names = targets?.map((t) => t.name) ?? [];
  const title = names.length === 1 ? `Kill ${names[0]}?` : `Kill ${names.length} containers?`;
  return (
    <ConfirmDialog open={targets !== null} title={title} confirmLabel="Kill" danger busy={busy} onCancel={onCancel} onConfirm={onConfirm}>
      <p>
        Kill sends SIGKILL at once: the processes cannot save their work or close connections. <span className="text-fg">Stop</span> asks them to
        finish first.
      </p>
      {names.length > 1 ? <p className="max-h-24 overflow-auto font-mono text-[12px] break-words text-fg">{names.join(', ')}</p> : null}
    </ConfirmDialog>
  );
}
