// ErrorBanner: an error as the sentence the server sent, with its stable code for reference.
import { AlertTriangle } from 'lucide-react';
import type { ReactNode } from 'react';
import { errorView } from '@/lib/errors';
import { cn } from '@/lib/utils';

export function ErrorBanner({ error, className, action }: { error: unknown; className?: string; action?: ReactNode }) {
  const view = errorView(error);
  return (
    <div role="alert" className={cn('flex items-start gap-2 rounded-md border border-bad/30 bg-bad/8 px-3 py-2 text-[13px] text-fg', className)}>
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-bad" aria-hidden />
      <div className="min-w-0 flex-1">
        <span className="break-words">{view.message}</span>
        {view.code ? <span className="ml-2 font-mono text-[11px] text-muted">{view.code}</span> : null}
      </div>
      {action}
    </div>
  );
}
