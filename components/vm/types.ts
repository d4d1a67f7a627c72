// The VM's status as the browser receives it.
import type { RouterOutputs } from '@/lib/router-types';

export type VmStatus = RouterOutputs['vm']['status'];
