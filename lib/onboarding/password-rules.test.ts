import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules';
import { passwordStepSchema } from './schemas';

describe('choosing a password', () => {
  it('asks for at least twelve characters', () => {
    expect(passwordProblem('Xk9#vb2!qp')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });

  it.each([
    'Password2024!',
    'P@ssw0rd12345',
    'bitcoin123456',
    'qwertyuiop12',
    '123456789012',
    'aaaaaaaaaaaa',
    'abcabcabcabc',
    'iloveyou1990!',
    'makewhole-claim',
    'letmein-letmein',
    'zyxwvutsrqpo',
  ])('refuses the breached pattern %s', (password) => {
    expect(passwordProblem(password)).toMatch(/breached password lists/);
  });

  it('refuses a password made of the claimant’s own address', () => {
    expect(passwordProblem('janedoe-mailhost-2024', 'jane.doe@mailhost.example')).toMatch(
      /breached/,
    );
    expect(passwordProblem('janedoe-mailhost-2024')).toBeNull();
  });

  it.each(['correct horse battery staple', 'tangerine orbit lantern', 'Vk8#mQ2z!pW4rT'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );

  it('tells which field is wrong: the password, or a confirmation that differs', () => {
    const base = { email: 'a@example.test', code: 'X' };
    const weak = passwordStepSchema.safeParse({ ...base, password: 'short', confirm: 'short' });
    expect(weak.error?.issues.map((i) => i.path.join('.'))).toEqual(['password']);
    const differ = passwordStepSchema.safeParse({
      ...base,
      password: 'tangerine orbit lantern',
      confirm: 'tangerine orbit lantern!',
    });
    expect(differ.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['confirm', 'The two passwords differ.'],
    ]);
  });
});
