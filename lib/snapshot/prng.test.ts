import { describe, expect, it } from 'vitest';
import { createRandom } from './prng';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom('seed');
    const b = createRandom('seed');
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(
      Array.from({ length: 5 }, () => b.next()),
    );
  });

  it('treats a number seed like its text', () => {
    expect(createRandom(42).next()).toBe(createRandom('42').next());
  });

  it('gives different sequences for different seeds', () => {
    expect(createRandom(1).next()).not.toBe(createRandom(2).next());
  });

  it('draws whole numbers within the bounds, reaching both ends', () => {
    const random = createRandom('bounds');
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(1, 8)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
