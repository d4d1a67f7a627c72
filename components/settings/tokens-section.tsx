'use client';
// API tokens: made for a user with an optional expiry, shown once, revocable; their last use is recorded.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Td, Tr } from '@/components/ui/data-table';
import { withBase } from '@/lib/base-path';
import { useTRPC } from '@/lib/trpc';
import { STATUS_TONE, When, statusOf } from './format';
import { SecretOnce } from './secret-once';
import { RevokeButton, RevokeDialog, Section, type TokenRow } from './section';
import { TokenDialog } from './token-dialog';
import { useAttempt } from './use-attempt';

export function TokensSection() {
  const trpc = useTRPC();
  const attempt = useAttempt();
  const tokens = useQuery(trpc.access.tokens.queryOptions());
  const revoke = useMutation(trpc.access.revokeToken.mutationOptions());
  const [open, setOpen] = useState(false);
  const [made, setMade] = useState<{ token: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const api = typeof window === 'undefined' ? '' : `${window.location.origin}${withBase('/api/trpc/engines.list')}`;

  return (
    <Section
      id="tokens-heading"
      title="API tokens"
      about="For scripts and CI: send one as Authorization: Bearer. A token acts with its user's role."
      action={{ label: 'New token', onClick: () => setOpen(true) }}
      list={tokens}
      empty={{ title: 'No API tokens', hint: 'Make one for a script or a CI job; it is shown once, so copy it when it appears.' }}
      columns={['Name', 'User', 'Created', 'Expires', 'Last used', 'Status']}
      notice={
        made ? (
          <SecretOnce label={`Token ${made.name}`} value={made.token} onDone={() => setMade(null)}>
            <div className="flex flex-col gap-1">
              <span className="text-[12px] text-muted">Try it:</span>
              <code className="block overflow-x-auto rounded-md border border-line bg-bg px-2 py-1.5 font-mono text-[12px] whitespace-pre">
                curl -H &quot;Authorization: Bearer {made.token}&quot; {api}
              </code>
            </div>
          </SecretOnce>
        ) : null
      }
      rows={tokens.data?.map((t) => {
        const status = statusOf(t);
        return (
          <Tr key={t.id} data-token-row={t.name}>
            <Td className="font-medium">{t.name}</Td>
            <Td>{t.userName}</Td>
            <Td className="text-muted">
              <When ms={t.createdAt} />
            </Td>
            <Td className="text-muted">
              <When ms={t.expiresAt} none="never" />
            </Td>
            <Td className="text-muted">
              <When ms={t.lastUsedAt} none="never" />
            </Td>
            <Td>
              <Badge tone={STATUS_TONE[status]}>{status}</Badge>
            </Td>
            <Td className="text-right">{status === 'active' ? <RevokeButton onClick={() => setRevoking(t)} /> : null}</Td>
          </Tr>
        );
      })}
    >
      <TokenDialog open={open} onClose={() => setOpen(false)} onMade={(token, name) => setMade({ token, name })} />
      <RevokeDialog
        target={revoking}
        what={(t) => `the token ${t.name}`}
        confirmLabel="Revoke token"
        busy={revoke.isPending}
        revoke={(t) => attempt(() => revoke.mutateAsync({ id: t.id }), `The token ${t.name} no longer works.`)}
        onClose={() => setRevoking(null)}
      >
        <p>Scripts that use it are refused from now on. This cannot be undone; make a new token to replace it.</p>
      </RevokeDialog>
    </Section>
  );
}
