'use client';
// Share links: read-only, expiring, revocable access to one compose project or one container, for teammates without an account.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { withBase } from '@/lib/base-path';
import { useTRPC } from '@/lib/trpc';
import { STATUS_TONE, When, statusOf } from './format';
import { SecretOnce } from './secret-once';
import { Section, type ShareRow } from './section';
import { ShareDialog } from './share-dialog';
import { useAttempt } from './use-attempt';

export function SharesSection() {
  const trpc = useTRPC();
  const attempt = useAttempt();
  const shares = useQuery(trpc.access.shares.queryOptions());
  const revoke = useMutation(trpc.access.revokeShare.mutationOptions());
  const [open, setOpen] = useState(false);
  const [made, setMade] = useState<{ url: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ShareRow | null>(null);

  return (
    <Section
      id="shares-heading"
      title="Share links"
      about="Let a teammate without an account watch one compose project or one container: read-only, until the link expires or you revoke it."
      action={
        <Button variant="primary" size="md" onClick={() => setOpen(true)}>
          New share link
        </Button>
      }
      error={shares.error}
      pending={shares.isPending}
    >
      {made ? (
        <SecretOnce label={`Share link ${made.name}`} value={made.url} onDone={() => setMade(null)}>
          <p className="text-[12px] text-muted">Whoever opens it can read that scope until it expires or you revoke it here.</p>
        </SecretOnce>
      ) : null}
      {shares.data?.length === 0 ? <EmptyState title="No share links">Share a container’s logs or a compose project with someone who has no account.</EmptyState> : null}
      {shares.data?.length ? (
        <div className="overflow-x-auto rounded-md border border-line">
          <Table>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Engine</Th>
                <Th>Scope</Th>
                <Th>Created by</Th>
                <Th>Expires</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th className="text-right">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {shares.data.map((s) => {
                const status = statusOf(s);
                return (
                  <Tr key={s.id} data-share-row={s.name}>
                    <Td className="font-medium">{s.name}</Td>
                    <Td>{s.engine}</Td>
                    <Td>
                      <span className="text-muted">{s.kind}</span> <span className="font-mono text-[12px]">{s.target}</span>
                    </Td>
                    <Td>{s.createdBy ?? <span className="text-muted">a removed user</span>}</Td>
                    <Td className="text-muted">
                      <When ms={s.expiresAt} />
                    </Td>
                    <Td className="text-muted">
                      <When ms={s.lastUsedAt} none="never" />
                    </Td>
                    <Td>
                      <Badge tone={STATUS_TONE[status]}>{status}</Badge>
                    </Td>
                    <Td className="text-right">
                      {status === 'active' ? (
                        <Button variant="ghost" className="text-bad hover:bg-bad/10" onClick={() => setRevoking(s)}>
                          Revoke
                        </Button>
                      ) : null}
                    </Td>
                  </Tr>
                );
              })}
            </tbody>
          </Table>
        </div>
      ) : null}
      <ShareDialog open={open} onClose={() => setOpen(false)} onMade={(path, name) => setMade({ url: `${window.location.origin}${withBase(path)}`, name })} />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the share link ${revoking?.name ?? ''}?`}
        confirmLabel="Revoke link"
        danger
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await attempt(() => revoke.mutateAsync({ id: revoking.id }), `The share link ${revoking.name} no longer opens, and whoever had it open is signed out.`);
          setRevoking(null);
        }}
      >
        <p>Whoever opened it loses access at once. This cannot be undone; make a new link to share again.</p>
      </ConfirmDialog>
    </Section>
  );
}
