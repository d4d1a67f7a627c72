// /settings/registries: the registries Berth pulls from and pushes to as a signed-in user; ?server=<host> opens the sign-in.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RegistriesSection } from '@/components/settings/registries-section';

export const metadata: Metadata = { title: 'Registries' };

export default function Page() {
  return (
    <Suspense>
      <RegistriesSection />
    </Suspense>
  );
}
