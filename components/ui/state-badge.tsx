// StateBadge: a container state with the colour users expect (running green, paused amber, dead red).
import { Badge } from './badge';

const TONE: Record<string, 'ok' | 'warn' | 'bad' | 'neutral' | 'info'> = {
  running: 'ok',
  paused: 'warn',
  restarting: 'info',
  removing: 'warn',
  created: 'neutral',
  exited: 'neutral',
  dead: 'bad',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <Badge tone={TONE[state] ?? 'neutral'} data-state={state}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {state}
    </Badge>
  );
}
