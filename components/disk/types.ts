// What the disk page receives from the server, as the routers type it.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';

type System = inferRouterOutputs<AppRouter>['system'];
export type DiskUsage = System['df'];
export type PrunePreview = System['prunePreview'];
export type PruneItem = PrunePreview['items'][number];
export type PruneResult = System['prune'];
export type PruneKind = PruneItem['kind'];
