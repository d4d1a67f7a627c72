// Table styling shared by every list: sticky header, dense rows, stable column widths.
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from '@/lib/utils';

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return <table className={cn('w-full border-separate border-spacing-0 text-left text-[13px]', className)} {...props} />;
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      className={cn('sticky top-0 z-10 h-8 border-b border-line bg-panel px-3 text-[11px] font-semibold tracking-wide text-muted uppercase whitespace-nowrap', className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('h-9 border-b border-line px-3 align-middle', className)} {...props} />;
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn('hover:bg-panel/70 aria-selected:bg-accent/8', className)} {...props} />;
}

/** A small bordered table inside a page, or a sentence in its place when it has no rows. */
export function TableBox({ rows, empty, head, children }: { rows: number; empty: string; head: ReactNode; children: ReactNode }) {
  if (!rows) return <p className="text-muted">{empty}</p>;
  return (
    <div className="overflow-hidden rounded-md border border-line">
      <Table>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </Table>
    </div>
  );
}
