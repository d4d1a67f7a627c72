import { redirect } from 'next/navigation';

export default async function EnginePage({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  redirect(`/e/${engine}/containers`);
}
