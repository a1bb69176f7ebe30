import { describe, expect, it } from 'vitest';
import { groupDigits } from '.';

describe('groupDigits', () => {
  it.each([
    ['0', '0'],
    ['999', '999'],
    ['1000', '1,000'],
    ['1234567.891234', '1,234,567.891234'],
    ['-1234567.5', '-1,234,567.5'],
    ['123456789012.123456789012345678', '123,456,789,012.123456789012345678'],
  ])('groups %s as %s, leaving the fraction alone', (plain, grouped) => {
    expect(groupDigits(plain)).toBe(grouped);
  });

  it('refuses text that is not a plain decimal', () => {
    expect(() => groupDigits('1e5')).toThrow(RangeError);
  });
});
