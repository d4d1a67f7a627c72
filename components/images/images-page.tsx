'use client';
// Images: one line per tag with size, age and how many containers use it; filter in the URL; remove and tag.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Tag } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ListFrame, Toggle } from '@/components/engine/list-frame';
import { RemoveButton } from '@/components/engine/resource-dialogs';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import { sortBy } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam, useQueryParams } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { cn, formatAgo, formatBytes, formatDate, shortId } from '@/lib/utils';
import { type ImageLine, imageHref, matchesLine, plural, toLines } from './image-lines';
import { BuildImageLink } from './build-button';
import { PullButton } from './pull-dialog';
import { RemoveImageDialog } from './remove-image-dialog';
import { RunImageButton } from './run-launchers';
import { TagImageDialog } from './tag-image-dialog';

const SORTS = ['name', 'size', 'created', 'containers'] as const;

export function ImagesPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const fallback = useFallbackInterval();
  const canChange = useCanChangeHydrated();
  const [, setParams] = useQueryParams();
  const [q, setQ] = useQueryParam('q');
  const [dangling, setDangling] = useQueryParam('dangling');
  const sort = useSort(SORTS, 'name');
  const list = useQuery({ ...trpc.images.list.queryOptions({ engine }), refetchInterval: fallback, placeholderData: keepPreviousData });
  const error = useSettledError(list);
  const [removing, setRemoving] = useState<ImageLine | null>(null);
  const [tagging, setTagging] = useState<ImageLine | null>(null);

  const lines = useMemo(() => toLines(list.data ?? []), [list.data]);
  const rows = useMemo(() => {
    const shown = lines.filter((l) => matchesLine(l, q, dangling === '1'));
    // By name, tagged images come first (toLines' order); the other columns sort naturally with that as the tie-break.
    return sort.key === 'name' ? (sort.dir === 'asc' ? shown : [...shown].reverse()) : sortBy(shown, (l) => l[sort.key as Exclude<typeof sort.key, 'name'>], sort.dir);
  }, [lines, q, dangling, sort.key, sort.dir]);
  const filtered = Boolean(q || dangling);
  const images = list.data ?? [];
  const count = list.data
    ? filtered
      ? `${rows.length} of ${lines.length} shown`
      : `${plural(images.length, 'image')} · ${plural(lines.filter((l) => !l.dangling).length, 'tag')}`
    : null;
  const columns = canChange ? 6 : 5;

  return (
    <>
      <ListFrame
        title="Images"
        noun="images"
        count={count}
        filter={q}
        onFilter={setQ}
        toggles={<Toggle label="Dangling only" checked={dangling === '1'} onChange={(on) => setDangling(on ? '1' : '')} />}
        actions={canChange ? <><PullButton engine={engine} /><BuildImageLink engine={engine} /></> : null}
        error={error}
        pending={list.isPending}
        total={list.data ? lines.length : undefined}
        shown={rows.length}
        columns={columns}
        onClearFilters={() => setParams({ q: '', dangling: '' })}
        empty={{
          title: 'No images on this engine',
          hint: (
            <>
              Pull one with <code className="font-mono text-fg">docker pull busybox</code>, or build one with{' '}
              <code className="font-mono text-fg">docker build -t app .</code>
            </>
          ),
        }}
        head={
          <tr>
            <SortTh sort={sort} k="name">
              Repository:tag
            </SortTh>
            <Th className="hidden w-32 lg:table-cell">ID</Th>
            <SortTh sort={sort} k="size" numeric className="w-24 text-right">
              Size
            </SortTh>
            <SortTh sort={sort} k="created" numeric className="w-32">
              Created
            </SortTh>
            <SortTh sort={sort} k="containers" numeric className="w-24 text-right">
              In use
            </SortTh>
            {canChange ? <Th className="w-28 text-right">Actions</Th> : null}
          </tr>
        }
      >
        {rows.map((r) => (
          <Tr key={r.key} data-image={r.label}>
            <Td className="max-w-0 truncate">
              <Link href={imageHref(engine, r.ref)} title={r.label} className={cn('font-medium hover:text-accent hover:underline', r.dangling && 'font-normal text-muted italic')}>
                {r.label}
              </Link>
            </Td>
            <Td className="hidden lg:table-cell">
              <Link href={imageHref(engine, r.id)} title={r.id} className="font-mono text-[12px] text-muted hover:text-accent hover:underline">
                {shortId(r.id)}
              </Link>
            </Td>
            <Td className="text-right whitespace-nowrap tabular">{formatBytes(r.size)}</Td>
            <Td className="whitespace-nowrap text-muted tabular" title={formatDate(r.created)}>
              {formatAgo(r.created)}
            </Td>
            <Td className={cn('text-right tabular', !r.containers && 'text-muted')} title={r.containers ? `${plural(r.containers, 'container')} use this image` : 'No container uses this image'}>
              {r.containers}
            </Td>
            {canChange ? (
              <Td>
                <div className="flex justify-end gap-0.5">
                  <RunImageButton engine={engine} image={r.ref} label={r.label === '<none>' ? shortId(r.id) : r.label} />
                  <Button variant="ghost" size="icon" aria-label={`Tag ${r.label === '<none>' ? shortId(r.id) : r.label}`} title="Tag" onClick={() => setTagging(r)}>
                    <Tag aria-hidden />
                  </Button>
                  <RemoveButton name={r.label === '<none>' ? shortId(r.id) : r.label} onClick={() => setRemoving(r)} />
                </div>
              </Td>
            ) : null}
          </Tr>
        ))}
      </ListFrame>
      <RemoveImageDialog engine={engine} line={removing} onClose={() => setRemoving(null)} />
      <TagImageDialog engine={engine} line={tagging} onClose={() => setTagging(null)} />
    </>
  );
}
