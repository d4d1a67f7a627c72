import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Providers } from '@/components/shell/providers';
import './globals.css';

export const metadata: Metadata = { title: { default: 'Berth', template: '%s · Berth' }, description: "Docker Desktop's dashboard, in the browser." };
export const viewport: Viewport = { colorScheme: 'light dark' };
// Every page is rendered per request, so its scripts carry that response's CSP nonce.
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The signed-in user's theme, from the server with the page: no flash of the other theme before scripts run.
  const theme = (await headers()).get('x-berth-theme');
  return (
    <html lang="en" data-theme={theme === 'light' || theme === 'dark' ? theme : undefined}>
      <body>
        <a href="#main" className="skip-link rounded-md bg-accent px-3 py-1.5 text-[13px] font-medium text-accent-fg">
          Skip to main content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
