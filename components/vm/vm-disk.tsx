'use client';
// /vm/disk: Docker.raw's real size beside its maximum, Docker's own usage inside the VM, and "Reclaim space".
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Section } from '@/components/engine/detail-parts';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useTRPC } from '@/lib/trpc';
import { formatBytes } from '@/lib/utils';
import { useVmStatus } from './use-vm';
import { VmDiskUsage } from './vm-disk-usage';

const CATEGORIES = [
  ['images', 'Images'],
  ['containers', 'Containers'],
  ['volumes', 'Local volumes'],
  ['buildCache', 'Build cache'],
] as const;

function InsideUsage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const df = useQuery({ ...trpc.system.df.queryOptions({ engine }), refetchInterval: 15_000, retry: false });
  if (df.error) return <ErrorBanner error={df.error} />;
  const t = df.data?.totals;
  return (
    <Table aria-label="Docker's usage inside the VM">
      <thead>
        <Tr>
          <Th>Type</Th>
          <Th className="text-right">Total</Th>
          <Th className="text-right">Active</Th>
          <Th className="text-right">Size</Th>
          <Th className="text-right">Reclaimable</Th>
        </Tr>
      </thead>
      <tbody>
        {CATEGORIES.map(([key, label]) => (
          <Tr key={key}>
            <Td>{label}</Td>
            <Td className="text-right tabular">{t ? t[key].count : '…'}</Td>
            <Td className="text-right tabular">{t ? t[key].active : '…'}</Td>
            <Td className="text-right tabular">{t ? formatBytes(t[key].size) : '…'}</Td>
            <Td className="text-right tabular">{t ? formatBytes(t[key].reclaimable) : '…'}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

export function VmDisk() {
  const status = useVmStatus();
  const s = status.data;
  if (status.error) return <ErrorBanner error={status.error} />;
  if (!s) return <div aria-busy="true" className="h-40 max-w-4xl animate-pulse rounded-md bg-line/40" />;
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <VmDiskUsage s={s} />
      <Section title="Docker’s usage inside the VM">
        {s.state === 'running' ? (
          <>
            <InsideUsage engine={s.engine} />
            <p className="mt-2 text-[12px] text-muted">
              To see every item and clean up with a preview, open{' '}
              <Link href={`/e/${encodeURIComponent(s.engine)}/disk`} className="text-accent hover:underline">
                the VM engine’s disk page
              </Link>
              .
            </p>
          </>
        ) : (
          <p className="text-[13px] text-muted">Start the VM to see what Docker stores on the disk.</p>
        )}
      </Section>
      <p className="text-[12px] text-muted">
        Change the maximum size or the disk image location under{' '}
        <Link href="/vm/resources" className="text-accent hover:underline">
          Resources
        </Link>
        .
      </p>
    </div>
  );
}
