// PageHeader: a page's title, a count or subtitle, and its actions, on one dense row.
import type { ReactNode } from 'react';

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="flex min-h-12 flex-wrap items-center gap-x-3 gap-y-2 border-b border-line px-4 py-2">
      <h1 className="truncate text-[15px] font-semibold">{title}</h1>
      {subtitle ? <div className="text-muted">{subtitle}</div> : null}
      <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>
    </header>
  );
}
