// The containers a volume or network serves, one row each: name linked to its page, short id, then the caller's columns.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { TableBox, Td, Th, Tr } from '@/components/ui/data-table';
import { shortId } from '@/lib/utils';

export interface ContainerColumn<T> {
  title: string;
  className: string;
  cell: (row: T) => ReactNode;
}

export function ContainerTable<T extends { id: string; name: string }>({ engine, rows, columns, empty }: { engine: string; rows: T[]; columns: ContainerColumn<T>[]; empty: string }) {
  return (
    <TableBox
      rows={rows.length}
      empty={empty}
      head={
        <>
          <Th>Container</Th>
          <Th className="w-32">ID</Th>
          {columns.map((c) => (
            <Th key={c.title} className={c.className}>
              {c.title}
            </Th>
          ))}
        </>
      }
    >
      {rows.map((r) => (
        <Tr key={r.id}>
          <Td>
            <Link href={`/e/${encodeURIComponent(engine)}/containers/${encodeURIComponent(r.name)}`} className="text-accent hover:underline">
              {r.name}
            </Link>
          </Td>
          <Td className="font-mono text-[12px] text-muted">{shortId(r.id)}</Td>
          {columns.map((c) => (
            <Td key={c.title}>{c.cell(r)}</Td>
          ))}
        </Tr>
      ))}
    </TableBox>
  );
}
