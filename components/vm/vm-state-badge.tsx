// The VM's state as a coloured badge: running green, starting/stopping blue, error red.
import { Badge } from '@/components/ui/badge';

const TONE = { running: 'ok', starting: 'info', stopping: 'info', stopped: 'neutral', 'not-built': 'neutral', error: 'bad' } as const;
const LABEL = { running: 'Running', starting: 'Starting', stopping: 'Stopping', stopped: 'Stopped', 'not-built': 'Not built', error: 'Stopped unexpectedly' } as const;

export function VmStateBadge({ state }: { state: keyof typeof TONE }) {
  return (
    <Badge tone={TONE[state]} data-vm-state={state}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {LABEL[state]}
    </Badge>
  );
}
