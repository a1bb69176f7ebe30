/**
 * The one place an exact amount becomes a JS number: chart geometry (bar heights, line points)
 * only. Pixels need no more than a float's precision; every figure a person reads (axis ticks
 * aside) stays the exact string it came from.
 */
export function chartNumber(exactDecimal: string): number {
  return Number(exactDecimal);
}
