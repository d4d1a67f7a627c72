'use client';
// The stats tab: starts the live panel once the container's state is known.
import { useContainer } from '@/components/containers/detail/use-container';
import { StatsPanel } from './stats-panel';

export function ContainerStats({ engine, id }: { engine: string; id: string }) {
  const c = useContainer(engine, id);
  if (!c.data) return null;
  return <StatsPanel key={c.data.state.status} engine={engine} id={id} running={c.data.state.status === 'running'} />;
}
