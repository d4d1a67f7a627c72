'use client';
// One row of the containers table; memoised in parts so a refresh or a stats tick re-renders only what changed.
import Link from 'next/link';
import { memo } from 'react';
import { StateBadge } from '@/components/ui/state-badge';
import { Td, Tr } from '@/components/ui/data-table';
import type { RouterOutputs } from '@/lib/router-types';
import { formatAgo, formatBytes, formatDate } from '@/lib/utils';
import { ActionButtons } from './action-buttons';
import type { ContainerAction } from './use-container-actions';
import type { Usage } from './use-usage';

/** One container as containers.list answers it. */
export type Row = RouterOutputs['containers']['list'][number];

function Ports({ ports }: { ports: Row['ports'] }) {
  if (!ports.length) return <span className="text-muted">—</span>;
  // One line, so every row has the same height: the table is windowed by it. The title lists them all.
  const all = ports.map((p) => (p.publicPort ? `${p.publicPort}:${p.privatePort}/${p.type}` : `${p.privatePort}/${p.type}`)).join(', ');
  return (
    <span className="flex gap-x-2 overflow-hidden" title={all}>
      {ports.map((p) =>
        p.publicPort ? (
          <a
            key={`${p.ip}:${p.publicPort}/${p.type}`}
            href={`http://${p.ip && p.ip !== '0.0.0.0' && !p.ip.includes(':') ? p.ip : '127.0.0.1'}:${p.publicPort}`}
            target="_blank"
            rel="noreferrer"
            className="shrink-0 font-mono text-[12px] text-accent hover:underline"
            title={`${p.ip ?? '0.0.0.0'}:${p.publicPort} → ${p.privatePort}/${p.type}`}
          >
            {p.publicPort}:{p.privatePort}
            {p.type === 'udp' ? '/udp' : ''}
          </a>
        ) : (
          <span key={`${p.privatePort}/${p.type}`} className="shrink-0 font-mono text-[12px] text-muted">
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

const Blank = () => <span className="text-muted">—</span>;

/** CPU and memory: right-aligned tabular figures in fixed-width columns, so ticking values move nothing. */
const UsageCells = memo(function UsageCells({ usage }: { usage: Usage | undefined }) {
  return (
    <>
      <Td className="text-right whitespace-nowrap tabular" data-col="cpu">
        {usage ? `${usage.cpuPercent.toFixed(1)} %` : <Blank />}
      </Td>
      <Td
        className="text-right whitespace-nowrap tabular"
        data-col="memory"
        title={usage?.memoryLimit ? `${formatBytes(usage.memoryUsed)} of ${formatBytes(usage.memoryLimit)}` : undefined}
      >
        {usage ? formatBytes(usage.memoryUsed) : <Blank />}
      </Td>
    </>
  );
});

/** Everything but the checkbox and the live figures: selecting a row (or all 1,000) must not re-render these. */
const NameCells = memo(function NameCells({ row, engine, indent }: Pick<CellProps, 'row' | 'engine' | 'indent'>) {
  return (
    <>
      <Td>
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
      <Td className="truncate" title={row.image}>
        {row.image}
      </Td>
      <Td>
        <StateBadge state={row.state} />
      </Td>
    </>
  );
});

const RestCells = memo(function RestCells({ row, canChange, busy, onAction }: Omit<CellProps, 'engine' | 'indent'>) {
  return (
    <>
      <Td className="truncate text-muted tabular" title={row.status}>
        {row.status}
      </Td>
      <Td>
        <Ports ports={row.ports} />
      </Td>
      <Td className="truncate text-muted tabular" title={formatDate(row.created)}>
        {formatAgo(row.created)}
      </Td>
      {canChange ? (
        <Td>
          <ActionButtons name={row.name} state={row.state} disabled={busy} onAction={(a) => onAction(row, a)} />
        </Td>
      ) : null}
    </>
  );
});

export const ContainerRow = memo(function ContainerRow({
  selected,
  onSelect,
  usage,
  index,
  ...cells
}: CellProps & { selected: boolean; onSelect: (id: string, on: boolean) => void; usage: Usage | undefined; index: number }) {
  const { row, engine, indent, canChange } = cells;
  const live = row.state === 'running' || row.state === 'paused';
  return (
    <Tr aria-selected={selected} data-container-row={row.name} data-line={index} aria-rowindex={index + 2}>
      {canChange ? (
        <Td className="pr-0">
          <input
            type="checkbox"
            aria-label={`Select ${row.name}`}
            checked={selected}
            onChange={(e) => onSelect(row.id, e.target.checked)}
            className="size-3.5 align-middle accent-accent"
          />
        </Td>
      ) : null}
      <NameCells row={row} engine={engine} indent={indent} />
      <UsageCells usage={live ? usage : undefined} />
      <RestCells row={row} canChange={canChange} busy={cells.busy} onAction={cells.onAction} />
    </Tr>
  );
});
