// EmptyState: what an empty list says, with an optional next step.
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-1 px-6 py-14 text-center">
      <p className="text-[14px] font-medium text-fg">{title}</p>
      {children ? <div className="max-w-md text-muted">{children}</div> : null}
    </div>
  );
}
