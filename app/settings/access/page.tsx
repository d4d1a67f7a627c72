// /settings/access?tab=users|tokens|shares: who may use Berth, with which role, and how.
import type { Metadata } from 'next';
import { SharesSection } from '@/components/settings/shares-section';
import { TokensSection } from '@/components/settings/tokens-section';
import { UsersSection } from '@/components/settings/users-section';

type Props = { searchParams: Promise<{ tab?: string | string[] }> };

const TITLES: Record<string, string> = { users: 'Users', tokens: 'API tokens', shares: 'Share links' };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { tab } = await searchParams;
  return { title: TITLES[String(tab)] ?? 'Users' };
}

export default async function Page({ searchParams }: Props) {
  const { tab } = await searchParams;
  if (tab === 'tokens') return <TokensSection />;
  if (tab === 'shares') return <SharesSection />;
  return <UsersSection />;
}
