'use client';
// A row of tabs, each choosing one view (kept in the URL by the caller): underlined over a table, or as pills.
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

const LOOK = {
  underline: {
    list: 'flex gap-1 border-b border-line',
    tab: '-mb-px border-b-2 px-2.5 py-1.5 text-[13px]',
    on: 'border-accent font-medium text-fg',
    off: 'border-transparent text-muted hover:text-fg',
  },
  pill: {
    list: 'flex gap-1',
    tab: 'h-7 rounded-md px-2.5 text-[13px]',
    on: 'bg-accent/12 font-medium text-accent',
    off: 'text-muted hover:bg-panel hover:text-fg',
  },
} as const;

export function TabStrip<K extends string>({ label, tabs, current, onSelect, look }: { label: string; tabs: readonly { key: K; label: ReactNode }[]; current: K; onSelect: (key: K) => void; look: keyof typeof LOOK }) {
  const style = LOOK[look];
  return (
    <div role="tablist" aria-label={label} className={style.list}>
      {tabs.map((t) => (
        <button key={t.key} type="button" role="tab" aria-selected={t.key === current} onClick={() => onSelect(t.key)} className={cn(style.tab, t.key === current ? style.on : style.off)}>
          {t.label}
        </button>
      ))}
    </div>
  );
}
