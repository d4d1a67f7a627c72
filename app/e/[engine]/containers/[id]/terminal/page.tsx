import { TerminalTab } from '@/components/containers/terminal/terminal-tab';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return <TerminalTab engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />;
}
