import type Database from 'better-sqlite3';
import { z } from 'zod';

// Who a ledger transaction names in its chained `actor` field.
//
// Canonical form: `user:<id>` for a signed-in person (claimant or staff), `system:<name>` for a
// process (`system:cli`, `system:demo`, `system:bench`, `system:test`). The id, not the email:
// a login's email can change and the chained row never can, so only the id names the same
// person for as long as the ledger lives, and the row keeps no personal data of its own.
//
// Older rows carry what their writer passed: `user:<id>` from claimants, the staff member's
// email from finance steps, a bare name (`cli`, `demo`, `system`) from imports and roots. They
// are never rewritten (the hash covers the actor); `describeActor` reads all three forms.

export type UserActor = `user:${number}`;
export type LedgerActor = UserActor | `system:${string}`;

export const userActor = (userId: number): UserActor => `user:${userId}`;
export const systemActor = (name: string): LedgerActor => `system:${name}`;

const CANONICAL = /^(user:[1-9][0-9]*|system:[a-z][a-z0-9-]*)$/;

export const isCanonicalActor = (actor: string): actor is LedgerActor => CANONICAL.test(actor);

/** A signed-in person as a memo names them (`user:<id>`), never their email. */
export const userActorSchema = z
  .string()
  .regex(/^user:[1-9][0-9]*$/, 'a user id, user:<id>') as unknown as z.ZodType<UserActor>;

export type ActorDescription =
  | { type: 'user'; userId: number }
  | { type: 'email'; email: string }
  | { type: 'system'; name: string };

/** Reads an actor of any form ever written: canonical, a legacy email or a legacy bare name. */
export function describeActor(actor: string): ActorDescription {
  const user = /^user:([1-9][0-9]*)$/.exec(actor);
  if (user) return { type: 'user', userId: Number(user[1]) };
  if (actor.startsWith('system:')) return { type: 'system', name: actor.slice('system:'.length) };
  if (actor.includes('@')) return { type: 'email', email: actor };
  return { type: 'system', name: actor };
}

/**
 * How a page names each actor, whatever its form: a user id becomes that login's email now (the
 * id itself when the login is gone), a legacy email stays as written, a process its name.
 */
export function actorNames(
  sqlite: Database.Database,
  actors: readonly string[],
): Map<string, string> {
  const emailOf = sqlite.prepare('SELECT email FROM users WHERE id = ?').pluck();
  const names = new Map<string, string>();
  for (const actor of new Set(actors)) {
    const d = describeActor(actor);
    const name =
      d.type === 'user'
        ? ((emailOf.get(d.userId) as string | undefined) ?? actor)
        : d.type === 'email'
          ? d.email
          : d.name;
    names.set(actor, name);
  }
  return names;
}
