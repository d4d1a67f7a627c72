// /settings/audit: every change made through Berth, newest first, filtered in the URL.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditPage } from '@/components/settings/audit-page';

export const metadata: Metadata = { title: 'Audit log' };

export default function Page() {
  return (
    <Suspense>
      <AuditPage />
    </Suspense>
  );
}
