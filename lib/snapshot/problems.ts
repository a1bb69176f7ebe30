/**
 * Collects what is wrong with a bundle as `file:line: message`, so one run reports every error.
 * Keeps only the first messages: a bundle with millions of bad lines must not exhaust memory.
 */
export const MAX_KEPT_PROBLEMS = 100;

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

  /** One error a line, then `… and N more errors` when some were not kept. */
  format(): string {
    return withOverflow(this.keptErrors, this.errors, 'error');
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
