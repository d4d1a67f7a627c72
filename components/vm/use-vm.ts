'use client';
// The VM's status, polled fast while an operation runs, and its actions with the operation they start.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

export function useVmStatus() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.vm.status.queryOptions(),
    refetchInterval: (q) => {
      const d = q.state.data;
      const busy = d && ((d.operation && !d.operation.finishedAt) || d.state === 'starting' || d.state === 'stopping');
      return busy ? 700 : 4000;
    },
  });
}

export function useVmActions() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: trpc.vm.status.queryKey() });
  return {
    start: useMutation({ ...trpc.vm.start.mutationOptions(), onSettled: refresh }),
    stop: useMutation({ ...trpc.vm.stop.mutationOptions(), onSettled: refresh }),
    restart: useMutation({ ...trpc.vm.restart.mutationOptions(), onSettled: refresh }),
    reclaim: useMutation({ ...trpc.vm.reclaim.mutationOptions(), onSettled: refresh }),
    rebuild: useMutation({ ...trpc.vm.rebuild.mutationOptions(), onSettled: refresh }),
    reset: useMutation({ ...trpc.vm.reset.mutationOptions(), onSettled: refresh }),
    apply: useMutation({ ...trpc.vm.applySettings.mutationOptions(), onSettled: refresh }),
  };
}
