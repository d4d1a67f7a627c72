// /settings/general: the signed-in user's own choices (the colour theme).
import type { Metadata } from 'next';
import { GeneralSection } from '@/components/settings/general-section';

export const metadata: Metadata = { title: 'General' };

export default function Page() {
  return <GeneralSection />;
}
