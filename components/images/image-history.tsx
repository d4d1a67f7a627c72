'use client';
// An image's layers (RootFS digests) and build history, oldest step last as `docker history` prints it.
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { formatAgo, formatBytes, formatDate } from '@/lib/utils';
import type { RouterOutputs } from '@/lib/router-types';

type ImageHistoryRow = RouterOutputs['images']['inspect']['history'][number];

/** "/bin/sh -c #(nop)  CMD [\"sh\"]" reads better as "CMD [\"sh\"]". */
function step(createdBy: string): string {
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .trim();
}

export function Layers({ layers }: { layers: string[] }) {
  if (!layers.length) return <p className="text-muted">This image reports no layers.</p>;
  return (
    <ol className="overflow-hidden rounded-md border border-line">
      {layers.map((l, i) => (
        <li key={`${l}-${i}`} className="flex gap-3 border-b border-line px-3 py-1 last:border-b-0">
          <span className="w-6 shrink-0 text-right text-muted tabular">{i + 1}</span>
          <span className="min-w-0 font-mono text-[12px] break-all">{l}</span>
        </li>
      ))}
    </ol>
  );
}

export function History({ rows }: { rows: ImageHistoryRow[] }) {
  if (!rows.length) return <p className="text-muted">No history recorded.</p>;
  return (
    <div className="overflow-hidden rounded-md border border-line">
      <Table className="table-fixed">
        <thead>
          <tr>
            <Th>Created by</Th>
            <Th className="w-24 text-right">Size</Th>
            <Th className="w-36">Created</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((h, i) => (
            <Tr key={`${h.id}-${i}`}>
              <Td className="h-auto py-1.5 align-top" title={h.createdBy}>
                <span className="line-clamp-3 font-mono text-[12px] break-all whitespace-pre-wrap">{step(h.createdBy) || h.comment || <span className="text-muted">—</span>}</span>
              </Td>
              <Td className={h.size ? 'h-auto py-1.5 text-right align-top tabular' : 'h-auto py-1.5 text-right align-top text-muted tabular'}>{formatBytes(h.size)}</Td>
              <Td className="h-auto py-1.5 align-top text-muted tabular" title={formatDate(h.created)}>
                {formatAgo(h.created)}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
