// A container's health, crash loop, restarts and exit code as marks of their own, and the state an action is bringing.
import { Loader2, RotateCcw } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { StateBadge } from '@/components/ui/state-badge';
import type { ContainerAction } from './use-container-actions';

const HEALTH_TONE = { healthy: 'ok', unhealthy: 'bad', starting: 'info' } as const;

export function HealthBadge({ health }: { health: string | undefined }) {
  if (health !== 'healthy' && health !== 'unhealthy' && health !== 'starting') return null;
  return (
    <Badge tone={HEALTH_TONE[health]} data-health={health}>
      {health}
    </Badge>
  );
}

const DOING: Record<ContainerAction, string> = {
  start: 'starting…',
  stop: 'stopping…',
  restart: 'restarting…',
  pause: 'pausing…',
  unpause: 'unpausing…',
  kill: 'killing…',
  remove: 'removing…',
};

/** What an action in flight is doing to the container, until the engine's answer replaces it. */
export function TransitionBadge({ action }: { action: ContainerAction }) {
  return (
    <Badge tone="info" data-transition={action} role="status">
      <Loader2 className="size-3 animate-spin" aria-hidden />
      {DOING[action]}
    </Badge>
  );
}

export interface Trouble {
  state: string;
  health?: string;
  exitCode?: number;
  restartCount: number;
  crashLooping: boolean;
}

/**
 * The state, then what is wrong, most telling first: a crash loop (which stands in for "restarting"), health, a
 * non-zero exit code ("exit 3"), and the restart count. One line, so rows keep their height; the title lists it all.
 */
export function StateMarks({ c, pending }: { c: Trouble; pending?: ContainerAction }) {
  const exit = c.exitCode !== undefined && c.state !== 'running' ? c.exitCode : undefined;
  const all = [c.state, c.crashLooping && 'crash-looping', c.health, exit !== undefined && `exit code ${exit}`, c.restartCount > 0 && `${c.restartCount} restarts`];
  return (
    <span className="flex min-w-0 items-center gap-1 overflow-hidden" title={all.filter(Boolean).join(' · ')}>
      {pending ? <TransitionBadge action={pending} /> : c.crashLooping && c.state === 'restarting' ? null : <StateBadge state={c.state} />}
      {c.crashLooping && !pending ? (
        <Badge tone="bad" data-crash-looping>
          <span aria-hidden className="size-1.5 rounded-full bg-current" />
          crash-looping
        </Badge>
      ) : null}
      <HealthBadge health={c.health} />
      {exit !== undefined ? (
        <Badge tone={exit === 0 ? 'neutral' : 'bad'} data-exit-code={exit}>
          exit {exit}
        </Badge>
      ) : null}
      {c.restartCount > 0 ? (
        <span className="inline-flex shrink-0 items-center gap-0.5 text-[11px] text-muted tabular" data-restarts={c.restartCount}>
          <RotateCcw className="size-3" aria-hidden />
          <span className="sr-only">restarts:</span>
          {c.restartCount}
        </span>
      ) : null}
    </span>
  );
}
