'use client';
// One row of the containers table; memoised so a refresh that changes nothing re-renders nothing.
import Link from 'next/link';
import { memo } from 'react';
import { StateBadge } from '@/components/ui/state-badge';
import { Td, Tr } from '@/components/ui/data-table';
import { formatAgo, formatDate } from '@/lib/utils';
import { ActionButtons } from './action-buttons';
import type { ContainerAction } from './use-container-actions';

export interface Row {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  created: number;
  ports: { privatePort: number; publicPort?: number; ip?: string; type: string }[];
  project?: string;
  service?: string;
}

function Ports({ ports }: { ports: Row['ports'] }) {
  if (!ports.length) return <span className="text-muted">—</span>;
  return (
    <span className="flex flex-wrap gap-x-2 gap-y-0.5">
      {ports.map((p) =>
        p.publicPort ? (
          <a
            key={`${p.ip}:${p.publicPort}/${p.type}`}
            href={`http://${p.ip && p.ip !== '0.0.0.0' && !p.ip.includes(':') ? p.ip : '127.0.0.1'}:${p.publicPort}`}
            target="_blank"
            rel="noreferrer"
            className="font-mono text-[12px] text-accent hover:underline"
            title={`${p.ip ?? '0.0.0.0'}:${p.publicPort} → ${p.privatePort}/${p.type}`}
          >
            {p.publicPort}:{p.privatePort}
            {p.type === 'udp' ? '/udp' : ''}
          </a>
        ) : (
          <span key={`${p.privatePort}/${p.type}`} className="font-mono text-[12px] text-muted">
            {p.privatePort}/{p.type}
          </span>
        ),
      )}
    </span>
  );
}

interface CellProps {
  row: Row;
  engine: string;
  canChange: boolean;
  busy: boolean;
  onAction: (row: Row, action: ContainerAction) => void;
  indent: boolean;
}

/** Everything but the checkbox: selecting a row (or all 1,000) must not re-render these. */
const RowCells = memo(function RowCells({ row, engine, canChange, busy, onAction, indent }: CellProps) {
  return (
    <>
      <Td className="max-w-72">
        <div className={indent ? 'pl-4' : undefined}>
          <Link
            href={`/e/${encodeURIComponent(engine)}/containers/${encodeURIComponent(row.name)}`}
            prefetch={false}
            className="block truncate font-medium hover:text-accent hover:underline"
          >
            {row.name}
          </Link>
          <span className="block truncate font-mono text-[11px] text-muted">{row.id.slice(0, 12)}</span>
        </div>
      </Td>
      <Td className="max-w-64 truncate" title={row.image}>
        {row.image}
      </Td>
      <Td>
        <StateBadge state={row.state} />
      </Td>
      <Td className="whitespace-nowrap text-muted tabular">{row.status}</Td>
      <Td>
        <Ports ports={row.ports} />
      </Td>
      <Td className="whitespace-nowrap text-muted tabular" title={formatDate(row.created)}>
        {formatAgo(row.created)}
      </Td>
      {canChange ? (
        <Td className="w-44">
          <ActionButtons name={row.name} state={row.state} disabled={busy} onAction={(a) => onAction(row, a)} />
        </Td>
      ) : null}
    </>
  );
});

export const ContainerRow = memo(function ContainerRow({
  selected,
  onSelect,
  ...cells
}: CellProps & { selected: boolean; onSelect: (id: string, on: boolean) => void }) {
  const { row, canChange } = cells;
  return (
    <Tr aria-selected={selected} data-container-row={row.name}>
      {canChange ? (
        <Td className="w-8 pr-0">
          <input
            type="checkbox"
            aria-label={`Select ${row.name}`}
            checked={selected}
            onChange={(e) => onSelect(row.id, e.target.checked)}
            className="size-3.5 align-middle accent-accent"
          />
        </Td>
      ) : null}
      <RowCells {...cells} />
    </Tr>
  );
});
