/** manifest.json: what program the snapshot belongs to, when it was taken, and what share is paid. */
import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import { AmountError, FULL_COVERAGE, parseCoverage, type Coverage } from '@/lib/money';
import type { Problems } from './problems';
import { hiddenTextProblem } from './rows';

export const MANIFEST_FILE = 'manifest.json';
/** A manifest is a few lines; anything bigger is the wrong file. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface Manifest {
  readonly program: string;
  /** ISO-8601 UTC, as written in the file. */
  readonly snapshotAt: string;
  readonly coverage: Coverage;
  readonly coverageOverrides: ReadonlyMap<string, Coverage>;
}

const show = (input: unknown) => {
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** zod error callback: "is required" when absent, else the value and what it should be. */
const expecting =
  (expectation: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : `${show(issue.input)} ${expectation}`;

/** A coverage string, parsed; the issue path supplies the field name in front of the detail. */
const coverageField = z
  .string({ error: expecting('must be a decimal string such as "0.85"') })
  .transform((text, context) => {
    try {
      return parseCoverage(text);
    } catch (error) {
      if (!(error instanceof AmountError)) throw error;
      context.addIssue({ code: 'custom', message: error.detail });
      return z.NEVER;
    }
  });

const manifestShape = z.object(
  {
    program: z
      .string({ error: expecting('must be text') })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' })
      .superRefine((program, context) => {
        const hidden = hiddenTextProblem(program);
        if (hidden) context.addIssue({ code: 'custom', message: hidden });
      }),
    snapshotAt: z.iso.datetime({
      error: expecting('must be an ISO-8601 UTC time ending in Z, like "2024-05-01T00:00:00Z"'),
    }),
    coverage: coverageField.default(FULL_COVERAGE),
    coverageOverrides: z
      .record(z.string(), coverageField, {
        error: expecting('must be an object like {"BTC": "0.85"}'),
      })
      .default({}),
  },
  { error: 'must be a JSON object' },
);

const manifestSchema = manifestShape.transform((shape): Manifest => ({
  program: shape.program,
  snapshotAt: shape.snapshotAt,
  coverage: shape.coverage,
  coverageOverrides: new Map(Object.entries(shape.coverageOverrides)),
}));

/** Validates manifest bytes; reports each problem as `manifest.json: message`. */
export function parseManifest(bytes: Buffer, problems: Problems): Manifest | undefined {
  const json = readJson(bytes, problems);
  if (json === undefined) return undefined;
  warnUnknownFields(json, problems);
  const result = manifestSchema.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    const message = field === '' ? `manifest ${issue.message}` : `${field} ${issue.message}`;
    problems.error(MANIFEST_FILE, undefined, message);
  }
  return undefined;
}

function readJson(bytes: Buffer, problems: Problems): unknown {
  const fail = (message: string) => void problems.error(MANIFEST_FILE, undefined, message);
  if (bytes.length > MAX_MANIFEST_BYTES) return fail(`is larger than ${MAX_MANIFEST_BYTES} bytes`);
  if (!isUtf8(bytes)) return fail('invalid UTF-8 byte sequence');
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    return fail(`invalid JSON (${(error as Error).message})`);
  }
}

function warnUnknownFields(json: unknown, problems: Problems): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  for (const key of Object.keys(json)) {
    if (!(key in manifestShape.shape)) {
      problems.warn(MANIFEST_FILE, undefined, `unknown field ${JSON.stringify(key)} ignored`);
    }
  }
}
