import { describe, expect, it } from 'vitest';
import {
  checkTotp,
  currentTotp,
  matchTotp,
  newTotpSecret,
  totpForStep,
  totpUri,
  usableTotpStep,
} from './totp';

describe('staff two-factor codes', () => {
  it('accept the current code, with spaces, and refuse others', () => {
    const secret = newTotpSecret();
    const code = currentTotp(secret);
    expect(checkTotp(secret, code)).toBe(true);
    expect(checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe(true);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(checkTotp(secret, wrong)).toBe(false);
    expect(checkTotp(secret, 'abcdef')).toBe(false);
    expect(checkTotp(secret, '')).toBe(false);
    expect(checkTotp(newTotpSecret(), code)).toBe(false);
  });

  it('name the step they belong to, one step either side of now and no further', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-03-01T12:00:10Z');
    const step = Math.floor(now.getTime() / 30_000);
    for (const offset of [-1, 0, 1]) {
      expect(matchTotp(secret, totpForStep(secret, step + offset), now)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      expect(matchTotp(secret, totpForStep(secret, step + offset), now)).toBeNull();
    }
  });

  it('tell a frequent signer which step to use next and from when', () => {
    const now = new Date('2026-03-01T12:00:10Z');
    const step = Math.floor(now.getTime() / 30_000);
    expect(usableTotpStep(null, now).step).toBe(step);
    expect(usableTotpStep(step - 5, now).step).toBe(step);
    expect(usableTotpStep(step, now)).toEqual({
      step: step + 1,
      notBefore: new Date(step * 30_000),
    });
    expect(usableTotpStep(step + 1, now).notBefore.getTime()).toBeGreaterThan(now.getTime());
  });

  it('give an authenticator URI naming the product and the login', () => {
    expect(totpUri('ops@example.test', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/Makewhole:ops%40example.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Makewhole',
    );
  });
});
