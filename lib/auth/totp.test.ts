import { describe, expect, it } from 'vitest';
import { checkTotp, currentTotp, newTotpSecret, totpUri } from './totp';

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

  it('give an authenticator URI naming the product and the login', () => {
    expect(totpUri('ops@example.test', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/Makewhole:ops%40example.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Makewhole',
    );
  });
});
