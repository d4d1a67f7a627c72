'use client';
// Segmented control for the container state filter.
import { cn } from '@/lib/utils';

const STATES = [
  ['all', 'All'],
  ['running', 'Running'],
  ['stopped', 'Stopped'],
  ['paused', 'Paused'],
] as const;

export function StateFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <div role="radiogroup" aria-label="State" className="flex h-7 overflow-hidden rounded-md border border-line">
      {STATES.map(([key, label]) => (
        <button
          key={key}
          type="button"
          role="radio"
          aria-checked={value === key}
          onClick={() => onChange(key)}
          className={cn('px-2.5 text-[12px] text-muted hover:bg-panel', value === key && 'bg-accent/12 font-medium text-accent')}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
