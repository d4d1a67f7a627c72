'use client';
// The audit log's filters, kept in the query string (?user=&engine=&action=&result=&q=) so a filtered view can be linked.
import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useTRPC } from '@/lib/trpc';
import { useQueryParams } from '@/lib/use-query-params';

export const FILTER_KEYS = ['user', 'engine', 'action', 'result', 'q'] as const;
export type AuditFilters = { user?: string; engine?: string; action?: string; result?: 'ok' | 'error'; q?: string };

/** The filters the URL holds, as the audit query takes them. */
export function useAuditFilters(): AuditFilters {
  const params = useSearchParams();
  const get = (k: string) => params.get(k)?.trim() || undefined;
  const result = params.get('result');
  return { user: get('user'), engine: get('engine'), action: get('action'), result: result === 'ok' || result === 'error' ? result : undefined, q: get('q') };
}

function useSetParam(): (key: string, value: string) => void {
  const [, setParams] = useQueryParams();
  return useCallback((key: string, value: string) => setParams({ [key]: value }), [setParams]);
}

/** A text filter that writes to the URL a moment after typing stops. */
function TextFilter({ name, label, placeholder, list, className }: { name: string; label: string; placeholder: string; list?: string; className?: string }) {
  const params = useSearchParams();
  const set = useSetParam();
  const [value, setValue] = useState(params.get(name) ?? '');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      list={list}
      value={value}
      className={className}
      onChange={(e) => {
        const v = e.target.value;
        setValue(v);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => set(name, v.trim()), 300);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (clearTimeout(timer.current), set(name, value.trim()));
      }}
    />
  );
}

const selectClass = 'h-7 rounded-md border border-line bg-raised px-1.5 text-[13px] text-fg focus:border-accent focus:outline-none';

export function AuditFilterBar({ actions }: { actions: string[] }) {
  const trpc = useTRPC();
  const filters = useAuditFilters();
  const set = useSetParam();
  const router = useRouter();
  const pathname = usePathname();
  const engines = useQuery(trpc.engines.list.queryOptions());
  const users = useQuery(trpc.access.users.queryOptions());
  // Text inputs keep their own state while typing; clearing remounts them empty.
  const [generation, setGeneration] = useState(0);
  const any = FILTER_KEYS.some((k) => filters[k]);
  return (
    <div role="search" aria-label="Filter the audit log" className="flex flex-wrap items-center gap-2" key={generation}>
      <TextFilter name="q" label="Search the audit log" placeholder="Search target, action, detail" className="w-64" />
      <TextFilter name="user" label="User" placeholder="User" list="audit-users" className="w-36" />
      <datalist id="audit-users">
        {(users.data ?? []).map((u) => (
          <option key={u.id} value={u.name} />
        ))}
      </datalist>
      <TextFilter name="action" label="Action" placeholder="Action" list="audit-actions" className="w-44" />
      <datalist id="audit-actions">
        {actions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <select aria-label="Engine" value={filters.engine ?? ''} onChange={(e) => set('engine', e.target.value)} className={selectClass}>
        <option value="">Any engine</option>
        {(engines.data ?? []).map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
          </option>
        ))}
        {filters.engine && !engines.data?.some((e) => e.name === filters.engine) ? <option value={filters.engine}>{filters.engine}</option> : null}
      </select>
      <select aria-label="Result" value={filters.result ?? ''} onChange={(e) => set('result', e.target.value)} className={selectClass}>
        <option value="">Any result</option>
        <option value="ok">ok</option>
        <option value="error">error</option>
      </select>
      {any ? (
        <Button
          variant="ghost"
          onClick={() => {
            router.replace(pathname, { scroll: false });
            setGeneration((g) => g + 1);
          }}
        >
          <X aria-hidden /> Clear filters
        </Button>
      ) : null}
    </div>
  );
}
