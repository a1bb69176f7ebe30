import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { currentUser } from '@/lib/auth/session';
import { SiteHeader } from './components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Makewhole', template: '%s · Makewhole' },
  description: 'See, acknowledge and receive your compensation claim.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={user} />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
