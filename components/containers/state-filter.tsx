'use client';
// Segmented control for the container state filter (kept in the URL as ?state=).
import { cn } from '@/lib/utils';

export type StateFilterValue = 'all' | 'running' | 'exited' | 'paused';

const STATES: readonly (readonly [StateFilterValue, string, string])[] = [
  ['all', 'All', 'Every container'],
  ['running', 'Running', 'Running containers'],
  ['exited', 'Exited', 'Exited, created or dead containers'],
  ['paused', 'Paused', 'Paused containers'],
];

/** The filter named in the URL; "stopped" is accepted as the older spelling of "exited". */
export function parseStateFilter(value: string | null): StateFilterValue {
  if (value === 'stopped') return 'exited';
  return value === 'running' || value === 'exited' || value === 'paused' ? value : 'all';
}

export function StateFilter({ value, onChange }: { value: StateFilterValue; onChange: (v: StateFilterValue) => void }) {
  return (
    <div role="radiogroup" aria-label="State" className="flex h-7 overflow-hidden rounded-md border border-line bg-raised">
      {STATES.map(([key, label, title]) => (
        <button
          key={key}
          type="button"
          role="radio"
          aria-checked={value === key}
          title={title}
          onClick={() => onChange(key)}
          className={cn(
            'border-l border-line px-2.5 text-[12px] text-muted first:border-l-0 hover:bg-panel hover:text-fg',
            value === key && 'bg-accent/12 font-medium text-accent hover:bg-accent/15 hover:text-accent',
          )}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
