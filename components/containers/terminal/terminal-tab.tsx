'use client';
// The container page's Terminal tab: a shell (or an attach) in the container, with a search box, and a sentence
// and a way on when the session ends, is refused or loses its connection.
import '@xterm/xterm/css/xterm.css';
import { useRef, useState, type FormEvent } from 'react';
import { useCanChangeHydrated, useMe } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { useContainerActions } from '../use-container-actions';
import { type SessionOptions, type SessionState, useXtermSession } from './use-xterm-session';

const DEFAULTS: SessionOptions = { mode: 'exec', command: '', user: '', workdir: '' };

function StatusLine({ state, onReconnect, onStart }: { state: SessionState; onReconnect: () => void; onStart: () => void }) {
  if (state.kind === 'connecting') return <span className="text-muted">Connecting…</span>;
  if (state.kind === 'open') return <span className="truncate text-muted">{state.mode === 'attach' ? `Attached to ${state.command} — detach with Ctrl-P Ctrl-Q` : `Running ${state.command}`}</span>;
  const text = state.kind === 'ended' ? `Session ended${state.code === null ? '' : ` (exit code ${state.code})`}.` : state.kind === 'lost' ? 'Connection lost.' : state.message;
  return (
    <span role="status" className="flex min-w-0 items-center gap-2">
      <span className={state.kind === 'ended' ? 'text-fg' : 'text-bad'}>{text}</span>
      {state.kind === 'refused' && state.reason === 'NOT_RUNNING' ? (
        <Button variant="primary" onClick={onStart}>
          Start
        </Button>
      ) : null}
      <Button onClick={onReconnect}>Reconnect</Button>
    </span>
  );
}

export function TerminalTab({ engine, id }: { engine: string; id: string }) {
  const canChange = useCanChangeHydrated();
  const me = useMe();
  if (!canChange) {
    return me.isPending ? <p className="p-4 text-muted">Loading…</p> : <EmptyState title="Only an admin can open a terminal">A shell in a container runs as its root user.</EmptyState>;
  }
  return <TerminalPanel engine={engine} id={id} />;
}

function TerminalPanel({ engine, id }: { engine: string; id: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [options, setOptions] = useState<SessionOptions>(DEFAULTS);
  const [draft, setDraft] = useState<SessionOptions>(DEFAULTS);
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const { state, search, term } = useXtermSession(host, engine, id, options, attempt);
  const { run } = useContainerActions(engine);

  const connect = (e: FormEvent) => {
    e.preventDefault();
    setOptions({ ...draft });
    setAttempt((a) => a + 1);
  };
  const find = (backwards: boolean) => {
    if (!query) return;
    if (backwards) search.current?.findPrevious(query);
    else search.current?.findNext(query);
  };
  const field = (key: 'command' | 'user' | 'workdir') => ({ value: draft[key], onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })) });

  return (
    <div className="flex h-full min-h-[420px] flex-col gap-2 p-3">
      <form onSubmit={connect} className="flex flex-wrap items-center gap-2" aria-label="Terminal options">
        <select aria-label="Mode" value={draft.mode} onChange={(e) => setDraft((d) => ({ ...d, mode: e.target.value as SessionOptions['mode'] }))} className="h-7 rounded-md border border-line bg-raised px-1.5 text-[13px]">
          <option value="exec">New shell</option>
          <option value="attach">Attach (-it)</option>
        </select>
        <Input aria-label="Command" placeholder="Command (default: bash, else sh)" className="w-64" disabled={draft.mode === 'attach'} {...field('command')} />
        <Input aria-label="User" placeholder="User (root, 1000:1000)" className="w-40" disabled={draft.mode === 'attach'} {...field('user')} />
        <Input aria-label="Working directory" placeholder="Working directory" className="w-44" disabled={draft.mode === 'attach'} {...field('workdir')} />
        <Button type="submit">Connect</Button>
        <span className="ml-auto flex items-center gap-1">
          <Input
            aria-label="Search the terminal"
            placeholder="Search"
            className="w-40"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                find(e.shiftKey);
              } else if (e.key === 'Escape') {
                search.current?.clearDecorations();
                term.current?.focus();
              }
            }}
          />
          <Button aria-label="Previous match" onClick={() => find(true)}>
            ↑
          </Button>
          <Button aria-label="Next match" onClick={() => find(false)}>
            ↓
          </Button>
        </span>
      </form>
      <div className="flex min-h-7 items-center text-[13px]">
        <StatusLine
          state={state}
          onReconnect={() => setAttempt((a) => a + 1)}
          onStart={async () => {
            if (await run('start', [id], { [id]: id })) setAttempt((a) => a + 1);
          }}
        />
      </div>
      <div ref={host} data-testid="terminal" className="min-h-0 flex-1 overflow-hidden rounded-md border border-line bg-[#16181d] p-1" />
    </div>
  );
}
