// A container's health, crash loop, restarts and exit code as marks of their own, and the state an action is bringing.
import { Loader2, RotateCcw } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { StateBadge } from '@/components/ui/state-badge';
import type { ContainerAction } from './use-container-actions';

const HEALTH_TONE = { healthy: 'ok', unhealthy: 'bad', starting: 'info' } as const;

export function HealthBadge({ health }: { health: string | undefined }) {
  if (health !== 'healthy' && health !== 'unhealthy' && health !== 'starting') return null;
  return (
    <Badge tone={HEALTH_TONE[health]} data-health={health} title={`Health check: ${health}`}>
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
 * The state, then what is wrong: a non-zero exit code stays visible ("exited 3"), a crash loop is marked, health has
 * its own badge and restarts their count. One line, so rows keep their height.
 */
export function StateMarks({ c, pending }: { c: Trouble; pending?: ContainerAction }) {
  return (
    <span className="flex min-w-0 items-center gap-1 overflow-hidden">
      {pending ? <TransitionBadge action={pending} /> : <StateBadge state={c.state} />}
      {c.exitCode !== undefined && c.state !== 'running' ? (
        <Badge tone={c.exitCode === 0 ? 'neutral' : 'bad'} title={`Exit code ${c.exitCode}`} data-exit-code={c.exitCode}>
          exit {c.exitCode}
        </Badge>
      ) : null}
      {c.crashLooping ? (
        <Badge tone="bad" data-crash-looping title="Exits and is restarted by its restart policy again and again">
          crash-looping
        </Badge>
      ) : null}
      <HealthBadge health={c.health} />
      {c.restartCount > 0 ? (
        <span className="inline-flex shrink-0 items-center gap-0.5 text-[11px] text-muted tabular" title={`Restarted ${c.restartCount} time${c.restartCount === 1 ? '' : 's'} by its restart policy`} data-restarts={c.restartCount}>
          <RotateCcw className="size-3" aria-hidden />
          <span className="sr-only">restarts:</span>
          {c.restartCount}
        </span>
      ) : null}
    </span>
  );
}
