import { describe, expect, it } from 'vitest';
import { createUser } from '@/lib/users/create-user';
import { phraseFor, setPhrase } from './anti-phishing';
import { onboardingDb } from './onboarding-fixture';
import { phraseSchema } from './schemas';

describe('the anti-phishing phrase', () => {
  it('is kept per login, replaced when set again, and never written to the audit trail', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    const { id } = await createUser(db, {
      email: 'a@example.test',
      role: 'claimant',
      accountId: 'acct-a',
      password: 'tangerine orbit lantern',
    });
    expect(phraseFor(sqlite, id)).toBeNull();
    const login = { userId: id, email: 'a@example.test', accountId: 'acct-a' };
    setPhrase(sqlite, { ...login, phrase: 'Blue heron at dawn' });
    setPhrase(sqlite, { ...login, phrase: 'Green kettle' });
    expect(phraseFor(sqlite, id)).toBe('Green kettle');
    const audit = sqlite
      .prepare("SELECT detail FROM audit_events WHERE action = 'account.phrase_set' ORDER BY id")
      .pluck()
      .all();
    expect(audit).toEqual(['{"replaced":false}', '{"replaced":true}']);
  });

  it('must be a short line of plain text', () => {
    expect(phraseSchema.safeParse({ phrase: ' ok ' }).success).toBe(false);
    expect(phraseSchema.safeParse({ phrase: 'x'.repeat(61) }).success).toBe(false);
    expect(phraseSchema.safeParse({ phrase: '<b>bold</b>' }).success).toBe(false);
    expect(phraseSchema.parse({ phrase: '  Blue heron at dawn ' })).toEqual({
      phrase: 'Blue heron at dawn',
    });
  });

  it('refuses hidden, control and broken characters, and takes any script and emoji', () => {
    const message = (phrase: string) =>
      phraseSchema.safeParse({ phrase }).error?.issues.map((i) => i.message);
    expect(message('Blue \u202Enorah\u202C')).toEqual([
      expect.stringMatching(/^Remove the hidden text-direction character U\+202E/),
    ]);
    expect(message('Blue\u200Bheron')).toEqual([
      expect.stringMatching(/^Remove the zero-width space U\+200B/),
    ]);
    expect(message('Blue\nheron')).toEqual([
      'Remove line breaks, tabs and other invisible control characters.',
    ]);
    expect(message('Blue \uD800 heron')).toEqual([expect.stringMatching(/is broken/)]);
    // Counted in characters: thirty emoji are sixty UTF-16 units.
    expect(message('🦩'.repeat(30))).toBeUndefined();
    expect(message('🦩'.repeat(61))).toEqual(['Use at most 60 characters.']);
    expect(phraseSchema.parse({ phrase: 'He\u0301ron bleu à l’aube 🌅' })).toEqual({
      phrase: 'Héron bleu à l’aube 🌅',
    });
  });
});
