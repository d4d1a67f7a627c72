// The frame of one settings list: a heading with a short explanation and its action, then the list, its error or its empty state.
import type { ReactNode } from 'react';
import type { RouterOutputs } from '@/lib/router-types';
import { ErrorBanner } from '@/components/ui/error-banner';

type Access = RouterOutputs['access'];
export type UserRow = Access['users'][number];
export type TokenRow = Access['tokens'][number];
export type ShareRow = Access['shares'][number];
export type AuditRow = Access['audit'][number];

export function Section(props: { id: string; title: string; about: ReactNode; action?: ReactNode; error: unknown; pending: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id} className="flex max-w-6xl flex-col gap-3">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <h2 id={props.id} className="text-[14px] font-semibold">
            {props.title}
          </h2>
          <p className="text-[12px] text-muted">{props.about}</p>
        </div>
        {/* A viewer is refused the list; no action is offered beside the refusal. */}
        {props.error ? null : props.action}
      </div>
      {props.error ? <ErrorBanner error={props.error} /> : props.pending ? <p className="py-6 text-muted">Loading…</p> : props.children}
    </section>
  );
}
