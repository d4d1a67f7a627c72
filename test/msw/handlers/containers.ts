// containers.* answers and container rows shaped like toContainerRow's.
import { type RouterOutputs, type TrpcFailure, trpcQuery } from '../trpc';

export type ContainerRow = RouterOutputs['containers']['list'][number];

/** A plausible row; the id is 64 hex digits derived from `n`, so ids are stable and unique. */
export function containerRow(n: number, overrides: Partial<ContainerRow> = {}): ContainerRow {
  const running = n % 2 === 0;
  return {
    id: n.toString(16).padStart(8, '0').repeat(8),
    name: `svc-${String(n).padStart(3, '0')}`,
    image: n % 3 === 0 ? 'redis:7' : 'nginx:1.27',
    imageId: `sha256:${'ab'.repeat(32)}`,
    command: 'docker-entrypoint.sh',
    state: running ? 'running' : 'exited',
    status: running ? 'Up 3 hours' : 'Exited (0) 2 hours ago',
    created: 1_700_000_000 + n,
    ports: running ? [{ privatePort: 80, publicPort: 8000 + n, ip: '0.0.0.0', type: 'tcp' }] : [],
    exitCode: running ? undefined : 0,
    restartCount: 0,
    crashLooping: false,
    ...overrides,
  };
}

export function containerRows(count: number): ContainerRow[] {
  return Array.from({ length: count }, (_, n) => containerRow(n));
}

type ListAnswer = ContainerRow[] | TrpcFailure;

/** containers.list: the given rows or failure, or whatever `answer` resolves to (it may wait). */
export function containersList(answer: ListAnswer | (() => ListAnswer | Promise<ListAnswer>)) {
  return trpcQuery<ContainerRow[]>('containers.list', () => (typeof answer === 'function' ? answer() : answer));
}

export const containersHandlers = [containersList([])];
