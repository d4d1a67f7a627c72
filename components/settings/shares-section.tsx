'use client';
// Share links: read-only, expiring, revocable access to one compose project or one container, for teammates without an account.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Td, Tr } from '@/components/ui/data-table';
import { withBase } from '@/lib/base-path';
import { useTRPC } from '@/lib/trpc';
import { STATUS_TONE, When, statusOf } from './format';
import { SecretOnce } from './secret-once';
import { RevokeButton, RevokeDialog, Section, type ShareRow } from './section';
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
      action={{ label: 'New share link', onClick: () => setOpen(true) }}
      list={shares}
      empty={{ title: 'No share links', hint: 'Share a container’s logs or a compose project with someone who has no account.' }}
      columns={['Name', 'Engine', 'Scope', 'Created by', 'Expires', 'Last used', 'Status']}
      notice={
        made ? (
          <SecretOnce label={`Share link ${made.name}`} value={made.url} onDone={() => setMade(null)}>
            <p className="text-[12px] text-muted">Whoever opens it can read that scope until it expires or you revoke it here.</p>
          </SecretOnce>
        ) : null
      }
      rows={shares.data?.map((s) => {
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
            <Td className="text-right">{status === 'active' ? <RevokeButton onClick={() => setRevoking(s)} /> : null}</Td>
          </Tr>
        );
      })}
    >
      <ShareDialog open={open} onClose={() => setOpen(false)} onMade={(path, name) => setMade({ url: `${window.location.origin}${withBase(path)}`, name })} />
      <RevokeDialog
        target={revoking}
        what={(s) => `the share link ${s.name}`}
        confirmLabel="Revoke link"
        busy={revoke.isPending}
        revoke={(s) => attempt(() => revoke.mutateAsync({ id: s.id }), `The share link ${s.name} no longer opens, and whoever had it open is signed out.`)}
        onClose={() => setRevoking(null)}
      >
        <p>Whoever opened it loses access at once. This cannot be undone; make a new link to share again.</p>
      </RevokeDialog>
    </Section>
  );
}
