// The frame of one settings list: a heading with a short explanation and its action, then the table, its error or its empty state.
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Th } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import type { RouterOutputs } from '@/lib/router-types';

type Access = RouterOutputs['access'];
export type UserRow = Access['users'][number];
export type TokenRow = Access['tokens'][number];
export type ShareRow = Access['shares'][number];
export type AuditRow = Access['audit'][number];

/** A settings table: bordered, scrolling sideways on narrow screens; `actions` adds an unlabelled last column. */
export function SettingsTable(props: { columns: string[]; label?: string; actions?: boolean; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <Table aria-label={props.label}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <Th key={c}>{c}</Th>
            ))}
            {props.actions ? (
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </Table>
    </div>
  );
}

export interface SectionProps {
  id: string;
  title: string;
  about: ReactNode;
  action: { label: string; onClick: () => void };
  list: { data?: readonly unknown[]; error: unknown; isPending: boolean };
  empty: { title: string; hint?: ReactNode };
  columns: string[];
  /** Shown above the table (a secret shown once). */
  notice?: ReactNode;
  /** The table's rows. */
  rows: ReactNode;
  /** The section's dialogs. */
  children?: ReactNode;
}

export function Section(p: SectionProps) {
  const count = p.list.data?.length;
  return (
    <section aria-labelledby={p.id} className="flex max-w-6xl flex-col gap-3">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <h2 id={p.id} className="text-[14px] font-semibold">
            {p.title}
          </h2>
          <p className="text-[12px] text-muted">{p.about}</p>
        </div>
        {/* A viewer is refused the list; no action is offered beside the refusal. */}
        {p.list.error ? null : (
          <Button variant="primary" size="md" onClick={p.action.onClick}>
            {p.action.label}
          </Button>
        )}
      </div>
      {p.list.error ? (
        <ErrorBanner error={p.list.error} />
      ) : p.list.isPending ? (
        <p className="py-6 text-muted">Loading…</p>
      ) : (
        <>
          {p.notice}
          {count === 0 ? <EmptyState title={p.empty.title}>{p.empty.hint}</EmptyState> : null}
          {count ? (
            <SettingsTable columns={p.columns} actions>
              {p.rows}
            </SettingsTable>
          ) : null}
          {p.children}
        </>
      )}
    </section>
  );
}

/** A row's Revoke button, offered while the credential still works. */
export function RevokeButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="ghost" className="text-bad hover:bg-bad/10" onClick={onClick}>
      Revoke
    </Button>
  );
}

export interface RevokeDialogProps<T> {
  target: T | null;
  /** "the token tok-1", for the question. */
  what: (target: T) => string;
  confirmLabel: string;
  busy: boolean;
  revoke: (target: T) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}

export function RevokeDialog<T>({ target, what, confirmLabel, busy, revoke, onClose, children }: RevokeDialogProps<T>) {
  return (
    <ConfirmDialog
      open={target !== null}
      title={`Revoke ${target ? what(target) : ''}?`}
      confirmLabel={confirmLabel}
      danger
      busy={busy}
      onCancel={onClose}
      onConfirm={async () => {
        if (!target) return;
        await revoke(target);
        onClose();
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
