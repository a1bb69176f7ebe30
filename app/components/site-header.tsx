import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/authenticate';
import { can } from '@/lib/auth/permissions';
import { PhishingPhrase } from '@/app/account/phishing-phrase';
import { SignOutButton } from './sign-out-button';

const NAV = [
  { href: '/claim', label: 'My claim', permission: 'claim.own' },
  { href: '/finance/payouts', label: 'Payouts', permission: 'payouts.read' },
  { href: '/finance/disputes', label: 'Disputes', permission: 'disputes.resolve' },
  { href: '/admin/reconciliation', label: 'Reconciliation', permission: 'reconciliation.read' },
  { href: '/admin/audit', label: 'Audit trail', permission: 'audit.read' },
  { href: '/admin/users', label: 'Users', permission: 'users.manage' },
] as const;

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Makewhole
      </Link>
      <nav aria-label="Main">
        {user &&
          NAV.filter((item) => can(user.role, item.permission)).map((item) => (
            <Link key={item.href} href={item.href}>
              {item.label}
            </Link>
          ))}
        <Link href="/proof">Published proof</Link>
      </nav>
      {user && (
        <div className="session">
          <PhishingPhrase user={user} />
          <span className="who">
            {user.email} <span className="role">({user.role})</span>
          </span>
          <SignOutButton />
        </div>
      )}
    </header>
  );
}
