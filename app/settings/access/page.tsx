import type { Metadata } from 'next';
import { SharesSection } from '@/components/settings/shares-section';
import { TokensSection } from '@/components/settings/tokens-section';
import { UsersSection } from '@/components/settings/users-section';

export const metadata: Metadata = { title: 'Access' };

export default function Page() {
  return (
    <div className="max-w-6xl">
      <UsersSection />
      <TokensSection />
      <SharesSection />
    </div>
  );
}
