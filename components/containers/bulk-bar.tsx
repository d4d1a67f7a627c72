'use client';
// The bar shown while containers are selected: the actions that apply to all of them.
import { Button } from '@/components/ui/button';
import type { Row } from './container-row';
import { ACTION_LABEL, type ContainerAction } from './use-container-actions';

const BULK: ContainerAction[] = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'];

export function BulkBar({ rows, busy, onAction, onClear }: { rows: Row[]; busy: boolean; onAction: (a: ContainerAction) => void; onClear: () => void }) {
  return (
    <div role="toolbar" aria-label="Selected containers" className="flex flex-wrap items-center gap-1.5 border-b border-line bg-accent/6 px-4 py-1.5">
      <span className="mr-2 font-medium tabular">{rows.length} selected</span>
      {BULK.map((a) => (
        <Button key={a} variant={a === 'remove' ? 'danger' : 'default'} disabled={busy} onClick={() => onAction(a)}>
          {ACTION_LABEL[a]} selected
        </Button>
      ))}
      <Button variant="ghost" className="ml-auto" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
