'use client';
// One row of the containers table; memoised in parts so a refresh or a stats tick re-renders only what changed.
import Link from 'next/link';
import { memo } from 'react';
import { Td, Tr } from '@/components/ui/data-table';
import type { RouterOutputs } from '@/lib/router-types';
import { formatAgo, formatBytes, formatDate } from '@/lib/utils';
import { ActionButtons } from './action-buttons';
import { StateMarks } from './trouble-badges';
import type { ContainerAction } from './use-container-actions';
import type { Usage } from './use-usage';

/** One container as containers.list answers it. */
export type Row = RouterOutputs['containers']['list'][number];

/**
 * Columns that give way on narrow windows (Tailwind's lg is 1024 px, xl 1280 px): name, state, ports and actions
 * always stay. Heads, cells and the colgroup use the same classes.
 */
export const COL_HIDE = {
  image: 'hidden lg:table-cell',
  cpu: 'hidden lg:table-cell',
  memory: 'hidden lg:table-cell',
  status: 'hidden xl:table-cell',
  created: 'hidden xl:table-cell',
} as const;

/** The table's href for a container: opening one lands on its logs, as in Docker Desktop. */
export function containerHref(engine: string, name: string): string {
  return `/e/${encodeURIComponent(engine)}/containers/${encodeURIComponent(name)}/logs`;
}

function Ports({ ports, tabIndex }: { ports: Row['ports']; tabIndex: number }) {
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
            tabIndex={tabIndex}
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
  /** The action in flight on this container, if any. */
  pending?: ContainerAction;
  onAction: (row: Row, action: ContainerAction) => void;
  indent: boolean;
  /** The list is one tab stop: only the current row's controls are in the tab order. */
  tabbable: boolean;
}

const Blank = () => <span className="text-muted">—</span>;

/** CPU and memory: right-aligned tabular figures in fixed-width columns, so ticking values move nothing. */
const UsageCells = memo(function UsageCells({ usage }: { usage: Usage | undefined }) {
  return (
    <>
      <Td className={`text-right whitespace-nowrap tabular ${COL_HIDE.cpu}`} data-col="cpu">
        {/* The first sample has no earlier one to measure against: its 0 would be a false "idle". */}
        {usage ? usage.measured === false ? <span className="text-[11px] text-muted">measuring…</span> : `${usage.cpuPercent.toFixed(1)} %` : <Blank />}
      </Td>
      <Td
        className={`text-right whitespace-nowrap tabular ${COL_HIDE.memory}`}
        data-col="memory"
        title={usage?.memoryLimit ? `${formatBytes(usage.memoryUsed)} of ${formatBytes(usage.memoryLimit)}` : undefined}
      >
        {usage ? formatBytes(usage.memoryUsed) : <Blank />}
      </Td>
    </>
  );
});

/** Everything but the checkbox and the live figures: selecting a row (or all 1,000) must not re-render these. */
const NameCells = memo(function NameCells({ row, engine, indent, tabbable }: Pick<CellProps, 'row' | 'engine' | 'indent' | 'tabbable'>) {
  return (
    <>
      <Td>
        <div className={indent ? 'pl-4' : undefined}>
          <Link
            href={containerHref(engine, row.name)}
            prefetch={false}
            tabIndex={tabbable ? 0 : -1}
            data-row-open
            title={row.name}
            className="block truncate font-medium hover:text-accent hover:underline"
          >
            {row.name}
          </Link>
          <span className="block truncate font-mono text-[11px] text-muted">{row.id.slice(0, 12)}</span>
        </div>
      </Td>
      <Td className={`truncate ${COL_HIDE.image}`} title={row.image}>
        {row.image}
      </Td>
    </>
  );
});

const StateCell = memo(function StateCell({ row, pending }: Pick<CellProps, 'row' | 'pending'>) {
  return (
    <Td data-col="state">
      <StateMarks c={row} pending={pending} />
    </Td>
  );
});

const RestCells = memo(function RestCells({ row, canChange, pending, onAction, tabbable }: Omit<CellProps, 'engine' | 'indent'>) {
  return (
    <>
      <Td className={`truncate text-muted tabular ${COL_HIDE.status}`} title={row.status}>
        {row.status}
      </Td>
      <Td>
        <Ports ports={row.ports} tabIndex={tabbable ? 0 : -1} />
      </Td>
      <Td className={`truncate whitespace-nowrap text-muted tabular ${COL_HIDE.created}`} title={formatDate(row.created)}>
        {formatAgo(row.created)}
      </Td>
      {canChange ? (
        <Td>
          <ActionButtons name={row.name} state={row.state} disabled={pending !== undefined} tabIndex={tabbable ? 0 : -1} onAction={(a) => onAction(row, a)} />
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
  const { row, engine, indent, canChange, tabbable, pending } = cells;
  const live = row.state === 'running' || row.state === 'paused';
  return (
    <Tr
      aria-selected={selected}
      data-container-row={row.name}
      data-line={index}
      aria-rowindex={index + 2}
      aria-busy={pending ? true : undefined}
      tabIndex={tabbable ? 0 : -1}
      aria-label={row.name}
      className="focus-visible:bg-accent/8 focus-visible:outline-offset-[-2px]"
    >
      {canChange ? (
        <Td className="pr-0">
          <input
            type="checkbox"
            tabIndex={tabbable ? 0 : -1}
            aria-label={`Select ${row.name}`}
            checked={selected}
            onChange={(e) => onSelect(row.id, e.target.checked)}
            className="size-3.5 align-middle accent-accent"
          />
        </Td>
      ) : null}
      <NameCells row={row} engine={engine} indent={indent} tabbable={tabbable} />
      <StateCell row={row} pending={pending} />
      <UsageCells usage={live ? usage : undefined} />
      <RestCells row={row} canChange={canChange} pending={pending} onAction={cells.onAction} tabbable={tabbable} />
    </Tr>
  );
});
