'use client';
// The bar shown while containers are selected: the actions that apply to at least one of them.
import { X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { Row } from './container-row';
import { ACTION_LABEL, ACTION_PAST, type ContainerAction, actionsFor } from './use-container-actions';

const BULK: ContainerAction[] = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'];

export function BulkBar({ rows, busy, onAction, onClear }: { rows: Row[]; busy: boolean; onAction: (a: ContainerAction) => void; onClear: () => void }) {
  const applicable = new Set(rows.flatMap((r) => actionsFor(r.state)));
  return (
    <div
      role="toolbar"
      aria-label="Selected containers"
      className="pointer-events-auto flex flex-wrap items-center gap-1 rounded-lg border border-line bg-raised px-2 py-1.5 shadow-lg"
    >
      <span className="mr-1 px-1 font-medium whitespace-nowrap tabular">{rows.length} selected</span>
      {BULK.map((a) => (
        <Button
          key={a}
          variant={a === 'remove' ? 'danger' : 'default'}
          disabled={busy || !applicable.has(a)}
          title={applicable.has(a) ? `${ACTION_LABEL[a]} the selected containers` : `None of the selected containers can be ${ACTION_PAST[a]}`}
          onClick={() => onAction(a)}
        >
          {ACTION_LABEL[a]}
        </Button>
      ))}
      <Button variant="ghost" size="icon" aria-label="Clear selection" title="Clear selection (Esc)" onClick={onClear}>
        <X />
      </Button>
    </div>
  );
}
