import type { Role } from '@/db/schema';

/** The one permission table: every page, route and action names one of these. */
export const PERMISSIONS = {
  'claim.own': ['claimant'],
  'disputes.resolve': ['finance'],
  'payouts.read': ['finance', 'admin'],
  'payouts.write': ['finance'],
  'reconciliation.read': ['admin', 'finance'],
  'ledger.verify': ['admin'],
  'proof.publish': ['admin'],
  'audit.read': ['admin'],
  'users.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const HOME_BY_ROLE: Record<Role, string> = {
  claimant: '/claim',
  finance: '/finance/payouts',
  admin: '/admin/reconciliation',
};
