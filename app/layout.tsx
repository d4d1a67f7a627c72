import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/shell/providers';
import './globals.css';

export const metadata: Metadata = { title: { default: 'Berth', template: '%s · Berth' }, description: "Docker Desktop's dashboard, in the browser." };
export const viewport: Viewport = { colorScheme: 'light dark' };
// Every page is rendered per request, so its scripts carry that response's CSP nonce.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link rounded-md bg-accent px-3 py-1.5 text-[13px] font-medium text-accent-fg">
          Skip to main content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
