'use client';
// Registries: where Berth (and the docker CLI of the same user) is signed in, sign in with ?server= prefilled, sign out.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Td, Tr } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toast';
import { errorView } from '@/lib/errors';
import type { RouterOutputs } from '@/lib/router-types';
import { useTRPC } from '@/lib/trpc';
import { RegistrySignInDialog, type SignedIn } from './registry-sign-in-dialog';
import { Section } from './section';

type RegistryRow = RouterOutputs['registries']['list'][number];

const DOCKER_HUB = 'https://index.docker.io/v1/';

/** Docker Hub by name; every other registry by its host. */
function registryLabel(server: string): string {
  return server === DOCKER_HUB ? 'Docker Hub' : server;
}

export function RegistriesSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const canChange = useCanChangeHydrated();
  const router = useRouter();
  const pathname = usePathname();
  const asked = useSearchParams().get('server');
  const list = useQuery(trpc.registries.list.queryOptions());
  const signOut = useMutation(trpc.registries.signOut.mutationOptions());
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState<RegistryRow | null>(null);
  const refresh = useCallback(() => qc.invalidateQueries(trpc.registries.pathFilter()), [qc, trpc]);

  // A link from elsewhere ("Sign in to <registry>") lands here with ?server=: open the form for it, once known to be allowed.
  useEffect(() => {
    if (asked && canChange) setOpen(true);
  }, [asked, canChange]);

  const close = () => {
    setOpen(false);
    if (asked) router.replace(pathname, { scroll: false });
  };
  const signedIn = async (row: SignedIn) => {
    toast('ok', `Signed in to ${registryLabel(row.server)} as ${row.username}.`);
    await refresh();
  };

  return (
    <Section
      id="registries-heading"
      title="Registries"
      about="Accounts Berth pulls and pushes images with. They are kept where the docker CLI keeps them (its credential helper or config.json), so a docker login counts here too."
      action={{ label: 'Sign in', onClick: () => setOpen(true) }}
      list={list}
      empty={{ title: 'Not signed in to any registry', hint: 'Public images pull without an account; sign in to pull private images, push, or raise Docker Hub’s pull limit.' }}
      columns={['Registry', 'User', 'Stored in']}
      rows={list.data?.map((r) => (
        <Tr key={r.server} data-registry-row={r.server}>
          <Td className="font-medium">
            {registryLabel(r.server)}
            {r.server === DOCKER_HUB ? <span className="ml-2 font-normal text-muted">{r.server}</span> : null}
          </Td>
          <Td>{r.username || <span className="text-muted">identity token</span>}</Td>
          <Td className="text-muted">{r.storedIn === 'config file' ? 'config file' : `credential helper ${r.storedIn}`}</Td>
          <Td className="text-right">
            <Button variant="ghost" className="text-bad hover:bg-bad/10" aria-label={`Sign out of ${registryLabel(r.server)}`} onClick={() => setLeaving(r)}>
              Sign out
            </Button>
          </Td>
        </Tr>
      ))}
    >
      <RegistrySignInDialog open={open} server={asked ?? undefined} onClose={close} onSignedIn={signedIn} />
      <ConfirmDialog
        open={leaving !== null}
        title={`Sign out of ${leaving ? registryLabel(leaving.server) : ''}?`}
        confirmLabel="Sign out"
        danger
        busy={signOut.isPending}
        onCancel={() => setLeaving(null)}
        onConfirm={async () => {
          if (!leaving) return;
          try {
            await signOut.mutateAsync({ server: leaving.server });
            toast('ok', `Signed out of ${registryLabel(leaving.server)}.`);
          } catch (err) {
            toast('bad', errorView(err).message);
          }
          setLeaving(null);
          await refresh();
        }}
      >
        <p>
          Its credentials are erased from {leaving?.storedIn === 'config file' ? 'config.json' : `the credential helper ${leaving?.storedIn}`}: Berth and the docker
          CLI pull and push there anonymously until someone signs in again.
        </p>
      </ConfirmDialog>
    </Section>
  );
}
