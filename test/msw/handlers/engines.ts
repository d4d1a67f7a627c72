// engines.* answers: the engine list with health, and one engine's info.
import { type RouterOutputs, type TrpcFailure, trpcQuery } from '../trpc';

export type EngineSummary = RouterOutputs['engines']['list'][number];
type EngineInfo = RouterOutputs['engines']['info'];

export function engineSummary(overrides: Partial<EngineSummary> = {}): EngineSummary {
  return {
    name: 'local',
    kind: 'socket',
    host: 'unix:///var/run/docker.sock',
    description: 'The local Docker socket',
    current: true,
    health: { reachable: true, checkedAt: 1_700_000_000_000, version: '28.3.0', apiVersion: '1.51', os: 'linux', arch: 'amd64' },
    ...overrides,
  };
}

export function enginesList(answer: EngineSummary[] | TrpcFailure) {
  return trpcQuery<EngineSummary[]>('engines.list', () => answer);
}

export function engineInfo(answer: EngineInfo | TrpcFailure) {
  return trpcQuery<EngineInfo>('engines.info', () => answer);
}

export const enginesHandlers = [enginesList([engineSummary()])];
