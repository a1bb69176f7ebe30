import { describe, expect, it, vi } from 'vitest';
import { publicAction } from './public-action';
import { codeStepSchema, requestCodeSchema } from './schemas';

describe('the email and code a claimant types before signing in', () => {
  it('reach the step lower-cased and trimmed', async () => {
    const run = vi.fn(() => ({ ok: true as const, data: null }));
    await publicAction(requestCodeSchema, run)({ email: ' Carol.Mixed@Example.TEST ' }, 'a');
    expect(run).toHaveBeenCalledWith({ email: 'carol.mixed@example.test' }, 'a');
  });

  it('never reach it with a lookalike: the step (which writes) is not run', async () => {
    const run = vi.fn(() => ({ ok: true as const, data: null }));
    const requestCode = publicAction(requestCodeSchema, run);
    for (const [email, code] of [
      ['\u212Aate@example.test', 'U+212A'], // Kelvin sign: lower-cases to an ASCII "k"
      ['c\u0430rol@example.test', 'U+0430'], // Cyrillic small a
      ['carol@example\uFF0Etest', 'U+FF0E'], // fullwidth full stop
    ]) {
      expect(await requestCode({ email: email! }, 'a')).toEqual({
        ok: false,
        error: 'Please correct the highlighted fields.',
        fieldErrors: { email: expect.stringContaining(`(${code}) is not one of them`) },
      });
    }
    const checkCode = publicAction(codeStepSchema, run);
    // Fullwidth digits, and a dotless "ı" that upper-cases to "I" (read as 1): not a code.
    for (const code of ['\uFF11\uFF12\uFF13\uFF14\uFF15-ABCDE', '1234\u0131-ABCDE']) {
      expect(await checkCode({ email: 'a@example.test', code }, 'a')).toMatchObject({
        ok: false,
        fieldErrors: {
          code: expect.stringMatching(/^Use only ASCII letters and digits of the code/),
        },
      });
    }
    expect(run).not.toHaveBeenCalled();
  });
});
