/**
 * Refuses a request body before a framework decodes it, with a 4xx that says why. Left to
 * themselves, Next.js answers 500 to a server-action body it cannot decode or that is over its
 * size limit, and next-auth throws on malformed JSON. Framework-free: it reads a plain `Request`.
 */

/** What a body of one media type must be: in words, and as a check (given the full Content-Type). */
export type BodyFormat = {
  expected: string;
  accepts: (body: Uint8Array<ArrayBuffer>, contentType: string) => boolean | Promise<boolean>;
};

export type BodyPolicy = {
  limitBytes: number;
  /** Accepted media types (lower case, without parameters) and how each must parse. */
  formats: Readonly<Record<string, BodyFormat>>;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or null when it is not UTF-8. */
function textOf(body: Uint8Array<ArrayBuffer>): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

/** The parsed JSON, or undefined when it is not JSON. */
function jsonOf(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const jsonArguments: BodyFormat = {
  expected: 'a JSON array of arguments',
  accepts: (body) => Array.isArray(jsonOf(textOf(body))),
};

export const jsonObject: BodyFormat = {
  expected: 'a JSON object',
  accepts: (body) => {
    const value = jsonOf(textOf(body));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  },
};

export const formUrlEncoded: BodyFormat = {
  expected: 'URL-encoded UTF-8 text',
  accepts: (body) => textOf(body) !== null,
};

/** A React reply sent as multipart form data: its root (field "0") is the JSON of the arguments. */
export const multipartArguments: BodyFormat = {
  expected: 'multipart form data whose field "0" is a JSON array of arguments',
  accepts: async (body, contentType) => {
    try {
      const form = await new Response(body, {
        headers: { 'Content-Type': contentType },
      }).formData();
      const root = form.get('0');
      return typeof root === 'string' && Array.isArray(jsonOf(root));
    } catch {
      return false;
    }
  },
};

/**
 * A server action's arguments as React's `encodeReply` sends them: JSON text, or multipart when
 * a value needs more than one part. 1 MB is Next.js's own limit for an action's body.
 */
export const SERVER_ACTION_BODY: BodyPolicy = {
  limitBytes: 1024 * 1024,
  formats: { 'text/plain': jsonArguments, 'multipart/form-data': multipartArguments },
};

/** next-auth's forms post URL-encoded fields; its API also takes a JSON object. */
export const AUTH_BODY: BodyPolicy = {
  limitBytes: 16 * 1024,
  formats: { 'application/x-www-form-urlencoded': formUrlEncoded, 'application/json': jsonObject },
};

/** A download asked for with a plain form button: no fields, or a few short ones. */
export const DOWNLOAD_FORM_BODY: BodyPolicy = {
  limitBytes: 1024,
  formats: { 'application/x-www-form-urlencoded': formUrlEncoded },
};

function refusal(status: 400 | 413 | 415, error: string): Response {
  return Response.json({ error }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** The body, or null once it is longer than `limit` (then reading stops). */
async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number) {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * A refusal (413 too large, 415 wrong media type, 400 malformed) or null when the body may go on.
 * Reads the body: give it a clone when the original is still to be handled.
 */
export async function refuseBadBody(
  request: Request,
  policy: BodyPolicy,
): Promise<Response | null> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const format = policy.formats[mediaType];
  if (!format) {
    return refusal(415, `Send this request as ${Object.keys(policy.formats).join(' or ')}.`);
  }
  const tooLarge = `The request body is larger than ${policy.limitBytes} bytes.`;
  if (Number(request.headers.get('content-length') ?? 0) > policy.limitBytes) {
    return refusal(413, tooLarge);
  }
  const body = await readAtMost(request.body, policy.limitBytes);
  if (!body) return refusal(413, tooLarge);
  if (!(await format.accepts(body, contentType))) {
    return refusal(400, `The request body is not ${format.expected}.`);
  }
  return null;
}
