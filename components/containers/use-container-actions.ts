'use client';
// Container actions for one container or many, with toasts that carry the server's sentences.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '@/components/ui/toast';
import { errorView, useTRPC } from '@/lib/trpc';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

export const ACTION_LABEL: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  unpause: 'Unpause',
  kill: 'Kill',
  remove: 'Remove',
};

const PAST: Record<ContainerAction, string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  pause: 'paused',
  unpause: 'unpaused',
  kill: 'killed',
  remove: 'removed',
};

/** Which actions make sense for a container in this state. */
export function actionsFor(state: string): ContainerAction[] {
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'pause', 'kill', 'remove'];
    case 'paused':
      return ['unpause', 'kill', 'remove'];
    case 'restarting':
      return ['stop', 'kill', 'remove'];
    default:
      return ['start', 'remove'];
  }
}

export function useContainerActions(engine: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.containers.pathKey() });
  const bulk = useMutation(trpc.containers.bulk.mutationOptions());

  async function run(action: ContainerAction, ids: string[], names: Record<string, string>, opts: { force?: boolean; volumes?: boolean } = {}): Promise<boolean> {
    try {
      const results = await bulk.mutateAsync({ engine, action, ids, force: opts.force, volumes: opts.volumes });
      const failed = results.filter((r) => !r.ok);
      const done = results.length - failed.length;
      if (done > 0) {
        const who = results.length === 1 ? (names[ids[0]!] ?? ids[0]) : `${done} container${done === 1 ? '' : 's'}`;
        toast('ok', `${who} ${PAST[action]}.`);
      }
      for (const f of failed) toast('bad', f.error?.message ?? `Could not ${action} ${names[f.id] ?? f.id}.`);
      return failed.length === 0;
    } catch (err) {
      toast('bad', errorView(err).message);
      return false;
    } finally {
      await refresh();
    }
  }

  return { run, pending: bulk.isPending };
}
