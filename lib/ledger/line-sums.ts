/**
 * Exact per-asset sums of amounts read from joined lines (`field \t … \t asset \t units \n`), as
 * bytes straight from SQLite. An amount is split into limbs of 12 decimal digits, each summed in
 * a double: 4,096 limbs below 10^12 stay below 2^53, so every partial sum is exact, and each
 * asset's limbs are carried into a bigint before the 4,097th. Longer amounts go to bigint whole.
 */
const LIMB_DIGITS = 12;
const LIMBS = 3;
const ADDS_BEFORE_CARRY = 4096;
const LIMB_BIGINTS = [1n, 10n ** 12n, 10n ** 24n];
/** Assets of up to 6 bytes are keyed by a number made of their bytes and length. */
const PACKED_BYTES = 6;
const LENGTH_UNIT = 2 ** 48;

const TAB = 9;
const NEWLINE = 10;
const MINUS = 45;
const ZERO = 48;

/** Sees one amount; false stops the lines being read, as if they were not clean. */
export type LineHook = (units: bigint) => boolean;

export class AssetSums {
  private readonly byPacked = new Map<number, number>();
  private readonly byText = new Map<string, number>();
  private readonly assets: string[] = [];
  private limbs = new Float64Array(64 * LIMBS);
  private adds: number[] = [];
  private carried: bigint[] = [];
  private lines: number[] = [];
  private readonly hooks: (LineHook | undefined)[] = [];

  /** `hookOf(asset)`, if it gives a hook, is also passed every amount of that asset, in order. */
  constructor(private readonly hookOf?: (asset: string) => LineHook | undefined) {}

  /**
   * Adds `count` lines, each `fieldsBefore` fields, then asset and units, and its `\n`. False if
   * the text is not exactly that (a value holding a tab or newline, a line too many or too few)
   * or an amount is not canonical (UNITS); the sums are then incomplete.
   */
  addLines(text: Buffer, count: number, fieldsBefore: number): boolean {
    const end = text.length;
    let i = 0;
    for (let line = 0; line < count; line += 1) {
      for (let f = 0; f < fieldsBefore; f += 1) {
        let byte = text[i];
        while (byte !== TAB && byte !== NEWLINE && byte !== undefined) byte = text[(i += 1)];
        if (byte !== TAB) return false;
        i += 1;
      }
      const assetStart = i;
      let packed = 0;
      let byte = text[i];
      while (byte !== TAB && byte !== NEWLINE && byte !== undefined) {
        packed = packed * 256 + byte;
        byte = text[(i += 1)];
      }
      if (byte !== TAB) return false;
      const slot = this.slot(text, assetStart, i, packed);
      i += 1;
      const unitsStart = i;
      byte = text[i];
      while (byte !== NEWLINE && byte !== undefined) byte = text[(i += 1)];
      if (byte === undefined || !this.addUnits(slot, text, unitsStart, i)) return false;
      i += 1;
    }
    return i === end;
  }

  /** Each asset's exact sum and how many lines it had. */
  *totals(): Generator<[asset: string, units: bigint, lines: number]> {
    for (let slot = 0; slot < this.assets.length; slot += 1) {
      this.carry(slot);
      yield [this.assets[slot]!, this.carried[slot]!, this.lines[slot]!];
    }
  }

  private slot(text: Buffer, start: number, end: number, packed: number): number {
    const length = end - start;
    if (length <= PACKED_BYTES) {
      const key = packed + length * LENGTH_UNIT;
      const found = this.byPacked.get(key);
      if (found !== undefined) return found;
      const slot = this.add(text.toString('utf8', start, end));
      this.byPacked.set(key, slot);
      return slot;
    }
    const asset = text.toString('utf8', start, end);
    const found = this.byText.get(asset);
    if (found !== undefined) return found;
    const slot = this.add(asset);
    this.byText.set(asset, slot);
    return slot;
  }

  private add(asset: string): number {
    const slot = this.assets.length;
    this.assets.push(asset);
    this.adds.push(0);
    this.carried.push(0n);
    this.lines.push(0);
    this.hooks.push(this.hookOf?.(asset));
    if ((slot + 1) * LIMBS > this.limbs.length) {
      const grown = new Float64Array(this.limbs.length * 2);
      grown.set(this.limbs);
      this.limbs = grown;
    }
    return slot;
  }

  /** `-?(0|[1-9][0-9]*)` between start and end, added to the slot; false if not that. */
  private addUnits(slot: number, text: Buffer, start: number, end: number): boolean {
    const negative = text[start] === MINUS;
    let i = negative ? start + 1 : start;
    const digits = end - i;
    if (digits === 0 || (text[i] === ZERO && digits > 1)) return false;
    this.lines[slot]! += 1;
    const hook = this.hooks[slot];
    if (hook !== undefined && !this.hooked(hook, text, i, end, negative)) return false;
    if (digits > LIMB_DIGITS * LIMBS) {
      for (let j = i; j < end; j += 1) {
        const digit = text[j]! - ZERO;
        if (digit < 0 || digit > 9) return false;
      }
      this.carried[slot]! += BigInt(text.toString('latin1', start, end));
      return true;
    }
    const base = slot * LIMBS;
    // The most significant limb takes what is left over from whole limbs of 12 digits.
    for (let limb = Math.ceil(digits / LIMB_DIGITS) - 1; limb >= 0; limb -= 1) {
      const stop = end - limb * LIMB_DIGITS;
      let value = 0;
      for (; i < stop; i += 1) {
        const digit = text[i]! - ZERO;
        if (digit < 0 || digit > 9) return false;
        value = value * 10 + digit;
      }
      this.limbs[base + limb]! += negative ? -value : value;
    }
    if ((this.adds[slot]! += 1) === ADDS_BEFORE_CARRY) this.carry(slot);
    return true;
  }

  private hooked(hook: LineHook, text: Buffer, start: number, end: number, negative: boolean) {
    for (let j = start; j < end; j += 1) {
      const digit = text[j]! - ZERO;
      if (digit < 0 || digit > 9) return false;
    }
    const units = BigInt(text.toString('latin1', start, end));
    return hook(negative ? -units : units);
  }

  private carry(slot: number): void {
    const base = slot * LIMBS;
    let sum = this.carried[slot]!;
    for (let limb = 0; limb < LIMBS; limb += 1) {
      sum += BigInt(this.limbs[base + limb]!) * LIMB_BIGINTS[limb]!;
      this.limbs[base + limb] = 0;
    }
    this.carried[slot] = sum;
    this.adds[slot] = 0;
  }
}
