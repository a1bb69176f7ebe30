/**
 * Collects what is wrong with a bundle as `file:line: message`, so one run reports every error.
 * Keeps only the first messages: a bundle with millions of bad lines must not exhaust memory.
 */
export const MAX_KEPT_PROBLEMS = 100;

export type ProblemsSnapshot = {
  errors: string[];
  errorCount: number;
  warnings: string[];
  warningCount: number;
};

const FILE_ORDER = ['manifest.json', 'assets.csv', 'prices.csv', 'accounts.csv', 'balances.csv'];

function position(message: string): [number, number] {
  const match = /^([^:]+):(\d+)?/.exec(message);
  const file = FILE_ORDER.indexOf(match?.[1] ?? '');
  return [file === -1 ? FILE_ORDER.length : file, Number(match?.[2] ?? 0)];
}

function byBundleOrder(a: string, b: string): number {
  const [fileA, lineA] = position(a);
  const [fileB, lineB] = position(b);
  return fileA - fileB || lineA - lineB;
}

export class Problems {
  private readonly keptErrors: string[] = [];
  private readonly keptWarnings: string[] = [];
  private errors = 0;
  private warnings = 0;

  error(file: string, line: number | undefined, message: string): void {
    this.errors += 1;
    if (this.keptErrors.length < MAX_KEPT_PROBLEMS)
      this.keptErrors.push(where(file, line) + message);
  }

  warn(file: string, line: number | undefined, message: string): void {
    this.warnings += 1;
    if (this.keptWarnings.length < MAX_KEPT_PROBLEMS)
      this.keptWarnings.push(where(file, line) + message);
  }

  get errorCount(): number {
    return this.errors;
  }

  get warningCount(): number {
    return this.warnings;
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /** The first MAX_KEPT_PROBLEMS error messages, in the order found. */
  get errorMessages(): readonly string[] {
    return this.keptErrors;
  }

  get warningMessages(): readonly string[] {
    return this.keptWarnings;
  }

  /** What another thread found, in a form that crosses a worker boundary. */
  toJSON(): ProblemsSnapshot {
    return {
      errors: [...this.keptErrors],
      errorCount: this.errors,
      warnings: [...this.keptWarnings],
      warningCount: this.warnings,
    };
  }

  /**
   * Adds what another reader found (a worker thread's parsing) to these findings, keeping the
   * first MAX_KEPT_PROBLEMS in bundle order: by file, then by line.
   */
  absorb(other: ProblemsSnapshot): void {
    this.errors += other.errorCount;
    this.warnings += other.warningCount;
    const errors = [...this.keptErrors, ...other.errors]
      .sort(byBundleOrder)
      .slice(0, MAX_KEPT_PROBLEMS);
    const warnings = [...this.keptWarnings, ...other.warnings]
      .sort(byBundleOrder)
      .slice(0, MAX_KEPT_PROBLEMS);
    this.keptErrors.splice(0, this.keptErrors.length, ...errors);
    this.keptWarnings.splice(0, this.keptWarnings.length, ...warnings);
  }

  /** One error a line, then `… and N more errors` when some were not kept. */
  format(): string {
    // Errors found on two threads arrive interleaved; a person reads them in file order.
    return withOverflow([...this.keptErrors].sort(byBundleOrder), this.errors, 'error');
  }

  formatWarnings(): string {
    return withOverflow(this.keptWarnings, this.warnings, 'warning');
  }
}

function where(file: string, line: number | undefined): string {
  return line === undefined ? `${file}: ` : `${file}:${line}: `;
}

function withOverflow(kept: readonly string[], total: number, noun: string): string {
  const more = total - kept.length;
  if (more === 0) return kept.join('\n');
  return [...kept, `… and ${more} more ${noun}${more === 1 ? '' : 's'}`].join('\n');
}
