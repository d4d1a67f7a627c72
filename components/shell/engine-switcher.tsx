'use client';
// Engine switcher: every engine Berth can reach, with a health dot and the reason an engine is down.
import { Check, ChevronsUpDown } from 'lucide-react';
import { useRouter, usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { RouterOutputs } from '@/lib/router-types';
import { cn } from '@/lib/utils';

type EngineSummary = RouterOutputs['engines']['list'][number];

function Dot({ ok, pending }: { ok?: boolean; pending?: boolean }) {
  return <span aria-hidden className={cn('size-2 shrink-0 rounded-full', pending ? 'bg-line' : ok ? 'bg-ok' : 'bg-bad')} />;
}

export function EngineSwitcher({ engine, engines, loading }: { engine: string; engines?: EngineSummary[]; loading: boolean }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const pathname = usePathname();
  const root = useRef<HTMLDivElement>(null);
  const current = engines?.find((e) => e.name === engine);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  function choose(name: string) {
    setOpen(false);
    // Keep the section (containers, images, …) when switching engines; drop item ids that belong to the old one.
    const section = pathname.split('/')[3] ?? 'containers';
    router.push(`/e/${encodeURIComponent(name)}/${section}`);
  }

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`Engine: ${engine}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        className="flex h-9 w-full items-center gap-2 rounded-md border border-line bg-raised px-2 text-left hover:bg-bg"
      >
        <Dot ok={current?.health.reachable} pending={loading || !current} />
        <span data-side-label className="min-w-0 flex-1">
          <span className="block truncate text-[13px] font-medium">{engine}</span>
          <span className="block truncate text-[11px] text-muted">
            {current ? (current.health.reachable ? `Docker ${current.health.version}` : 'unreachable') : loading ? 'checking…' : 'unknown engine'}
          </span>
        </span>
        <ChevronsUpDown className="size-3.5 shrink-0 text-muted" aria-hidden />
      </button>
      {open ? (
        <ul role="listbox" aria-label="Engines" className="absolute top-10 left-0 z-30 w-72 lg:right-0 lg:w-auto max-h-96 overflow-auto rounded-md border border-line bg-raised p-1 shadow-xl">
          {(engines ?? []).map((e) => (
            <li key={e.name} role="option" aria-selected={e.name === engine}>
              <button
                type="button"
                onClick={() => choose(e.name)}
                className="flex w-full items-start gap-2 rounded px-2 py-1.5 text-left hover:bg-panel"
              >
                <span className="mt-1">
                  <Dot ok={e.health.reachable} />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="flex items-center gap-1 text-[13px] font-medium">
                    <span className="truncate">{e.name}</span>
                    {e.current ? <span className="text-[10px] font-normal text-muted">(current)</span> : null}
                  </span>
                  <span className="block truncate text-[11px] text-muted">{e.host}</span>
                  <span className={cn('block text-[11px]', e.health.reachable ? 'text-muted' : 'text-bad')}>
                    {e.health.reachable
                      ? `Docker ${e.health.version} · API ${e.health.apiVersion} · ${e.health.os}/${e.health.arch}`
                      : e.health.error?.message}
                  </span>
                </span>
                {e.name === engine ? <Check className="mt-1 size-3.5 text-accent" aria-hidden /> : null}
              </button>
            </li>
          ))}
          {engines && engines.length === 0 ? <li className="px-2 py-1.5 text-muted">No engine found: start Docker, or set DOCKER_HOST.</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
