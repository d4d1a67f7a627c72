// The VM's status as the browser receives it.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';

export type VmStatus = inferRouterOutputs<AppRouter>['vm']['status'];
