// What the disk page receives from the server, as the routers type it.
import type { RouterOutputs } from '@/lib/router-types';

type System = RouterOutputs['system'];
export type DiskUsage = System['df'];
export type PrunePreview = System['prunePreview'];
export type PruneItem = PrunePreview['items'][number];
export type PruneResult = System['prune'];
export type PruneKind = PruneItem['kind'];
