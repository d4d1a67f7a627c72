// Opening a container lands on its logs, as in Docker Desktop; the inspect summary has its own tab.
import { redirect } from 'next/navigation';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  redirect(`/e/${engine}/containers/${id}/logs`);
}
