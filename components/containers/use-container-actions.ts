'use client';
// Container actions for one container or many, with toasts that carry the server's sentences.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useToast } from '@/components/ui/toast';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import { errorView } from '@/lib/errors';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';
export interface RemoveOptions {
  force?: boolean;
  volumes?: boolean;
}

export const ACTION_LABEL: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  unpause: 'Unpause',
  kill: 'Kill',
  remove: 'Remove',
};

export const ACTION_PAST: Record<ContainerAction, string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  pause: 'paused',
  unpause: 'unpaused',
  kill: 'killed',
  remove: 'removed',
};

/** Failure sentences listed in one toast before the rest are only counted. */
const MAX_LISTED = 5;

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

type Run = (action: ContainerAction, ids: string[], names: Record<string, string>, opts?: RemoveOptions) => Promise<boolean>;

/** The containers with an action in flight, and which: their rows show "stopping…" until the engine's state arrives. */
export type Pending = ReadonlyMap<string, ContainerAction>;

/**
 * `run` is stable across renders (rows are memoised on it); `pendingIds` holds the containers
 * with an action in flight, so only their buttons are disabled.
 */
export function useContainerActions(engine: string): { run: Run; pendingIds: Pending; pending: boolean } {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const toast = useToast();
  const bulk = useMutation(trpc.containers.bulk.mutationOptions());
  const single = useMutation({
    mutationFn: ({ action, id, opts }: { action: ContainerAction; id: string; opts: RemoveOptions }) => {
      const target = { engine, id };
      const c = client.containers;
      switch (action) {
        case 'start':
          return c.start.mutate(target);
        case 'stop':
          return c.stop.mutate(target);
        case 'restart':
          return c.restart.mutate(target);
        case 'pause':
          return c.pause.mutate(target);
        case 'unpause':
          return c.unpause.mutate(target);
        case 'kill':
          return c.kill.mutate(target);
        case 'remove':
          return c.remove.mutate({ ...target, force: opts.force, volumes: opts.volumes });
      }
    },
  });
  const [pendingIds, setPendingIds] = useState<Pending>(() => new Map());

  const impl = async (action: ContainerAction, ids: string[], names: Record<string, string>, opts: RemoveOptions = {}): Promise<boolean> => {
    const label = (id: string) => names[id] ?? id.slice(0, 12);
    setPendingIds((s) => new Map([...s, ...ids.map((id) => [id, action] as const)]));
    try {
      if (ids.length === 1) {
        const id = ids[0]!;
        try {
          await single.mutateAsync({ action, id, opts });
          toast('ok', `${label(id)} ${ACTION_PAST[action]}.`);
          return true;
        } catch (err) {
          toast('bad', errorView(err).message);
          return false;
        }
      }
      try {
        const results = await bulk.mutateAsync({ engine, action, ids, force: opts.force, volumes: opts.volumes });
        const failed = results.filter((r) => !r.ok);
        const done = results.length - failed.length;
        if (done > 0) toast('ok', `${done} container${done === 1 ? '' : 's'} ${ACTION_PAST[action]}.`);
        if (failed.length) {
          const sentences = failed.slice(0, MAX_LISTED).map((f) => f.error?.message ?? `Could not ${action} ${label(f.id)}.`);
          const more = failed.length > MAX_LISTED ? ` …and ${failed.length - MAX_LISTED} more.` : '';
          toast('bad', `${failed.length} of ${results.length} failed: ${sentences.join(' ')}${more}`);
        }
        return failed.length === 0;
      } catch (err) {
        toast('bad', errorView(err).message);
        return false;
      }
    } finally {
      // The transitional state stays until the engine's new state is on screen, so the row never flashes back.
      // A removed container's detail would only answer "not found": refresh the list alone then.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.containers.list.queryKey() }),
        action === 'remove' ? null : queryClient.invalidateQueries({ queryKey: trpc.containers.inspect.queryKey() }),
      ]).catch(() => {});
      setPendingIds((s) => {
        const next = new Map(s);
        for (const id of ids) if (next.get(id) === action) next.delete(id);
        return next;
      });
    }
  };

  const latest = useRef(impl);
  useEffect(() => {
    latest.current = impl;
  });
  const run = useCallback<Run>((...args) => latest.current(...args), []);
  return { run, pendingIds, pending: pendingIds.size > 0 };
}
