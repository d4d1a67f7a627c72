'use client';
// Matches of a search over the whole log, as the server finds them; choosing one opens the log at that line.
import { Loader2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import { AnsiText } from './log-line';
import { SEARCH_LIMIT, type SearchMatch, type SearchState } from './use-log-search';

function summary(s: SearchState): string {
  const n = s.matches.length;
  const found = `${n.toLocaleString('en')}${s.limited ? '+' : ''} match${n === 1 ? '' : 'es'}`;
  const read = `${s.scanned.toLocaleString('en')} lines searched`;
  if (s.status === 'searching') return `Searching the whole log… ${found} · ${read}`;
  if (s.status === 'cancelled') return `Search stopped: ${found} · ${read}`;
  if (s.limited) return `Whole log: the first ${SEARCH_LIMIT.toLocaleString('en')} matches · ${read}`;
  return `Whole log: ${found} · ${read}`;
}

export function SearchResults({ state, search, timestamps, active, onJump, onCancel }: { state: SearchState; search: RegExp | null; timestamps: boolean; active: string | null; onJump: (m: SearchMatch) => void; onCancel: () => void }) {
  if (state.status === 'idle') return null;
  return (
    <section aria-label="Matches in the whole log" className="flex max-h-[38%] min-h-0 flex-col border-b border-line bg-panel">
      <div className="flex items-center gap-2 px-3 py-1 text-[12px] text-muted" role="status">
        {state.status === 'searching' ? <Loader2 className="size-3.5 animate-spin" aria-hidden /> : null}
        <span className="tabular">{state.status === 'error' ? `The search failed: ${state.error}` : summary(state)}</span>
        {state.status === 'searching' ? (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Stop search
          </Button>
        ) : null}
      </div>
      {state.matches.length ? (
        <ol className="min-h-0 overflow-auto pb-1">
          {state.matches.map((m) => (
            <li key={m.key}>
              <button
                type="button"
                onClick={() => onJump(m)}
                aria-label={`Go to the line of ${m.ts}`}
                aria-current={active === m.ts ? 'true' : undefined}
                className={cn('flex w-full gap-3 px-3 text-left font-mono text-[12px] leading-[18px] hover:bg-line/50', m.stream === 'stderr' && 'text-bad', active === m.ts && 'bg-accent/15')}
              >
                {m.source ? <span className="w-28 shrink-0 truncate text-muted">{m.source}</span> : null}
                <span className="shrink-0 text-muted tabular">{timestamps ? m.ts.replace('T', ' ').slice(0, 23) : m.ts.slice(11, 19)}</span>
                <span className="min-w-0 flex-1 overflow-hidden text-ellipsis whitespace-pre">
                  <AnsiText text={m.text} search={search} />
                </span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
