import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTH_BODY, SERVER_ACTION_BODY, refuseBadBody, type BodyPolicy } from './request-guard';

const ARGUMENTS = JSON.stringify([{ version: 'a'.repeat(64) }]);

function post(body: BodyInit | null, contentType?: string, headers: Record<string, string> = {}) {
  return new Request('http://localhost/claim', {
    method: 'POST',
    body,
    headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...headers },
    duplex: 'half',
  } as RequestInit);
}

async function verdict(request: Request, policy: BodyPolicy) {
  const refused = await refuseBadBody(request, policy);
  return refused ? { status: refused.status, ...((await refused.json()) as object) } : 'accepted';
}

function multipart(fields: Record<string, string>): { body: string; type: string } {
  const boundary = 'test-boundary-1234';
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A body sent in pieces with no Content-Length, as a forger may. */
function streamed(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, size - sent)).fill(0x5b);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe('a server action body', () => {
  it('goes on as React sends it: a JSON array as text, or multipart with the array in field 0', async () => {
    expect(await verdict(post(ARGUMENTS, 'text/plain;charset=UTF-8'), SERVER_ACTION_BODY)).toBe(
      'accepted',
    );
    const form = multipart({ '0': '[{"batchId":1},"$K1"]', '1_file': 'x' });
    expect(await verdict(post(form.body, form.type), SERVER_ACTION_BODY)).toBe('accepted');
  });

  it('is refused with 415 in any other media type, or none', async () => {
    for (const type of ['application/json', 'text/xml', 'application/x-www-form-urlencoded']) {
      expect(await verdict(post(ARGUMENTS, type), SERVER_ACTION_BODY)).toEqual({
        status: 415,
        error: 'Send this request as text/plain or multipart/form-data.',
      });
    }
    // Bytes, not a string: a string body would be given text/plain by the Request itself.
    const untyped = post(new TextEncoder().encode(ARGUMENTS));
    expect(await verdict(untyped, SERVER_ACTION_BODY)).toMatchObject({ status: 415 });
  });

  it('is refused with 400 when it does not parse', async () => {
    for (const body of ['[{"version": ', '{"version":"x"}', '"text"', '', 'null']) {
      expect(await verdict(post(body, 'text/plain'), SERVER_ACTION_BODY)).toEqual({
        status: 400,
        error: 'The request body is not a JSON array of arguments.',
      });
    }
    const notUtf8 = new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]);
    expect(await verdict(post(notUtf8, 'text/plain'), SERVER_ACTION_BODY)).toMatchObject({
      status: 400,
    });
    for (const form of [
      { body: 'garbage', type: 'multipart/form-data; boundary=xyz' },
      { body: 'garbage', type: 'multipart/form-data' },
      multipart({ '1': '[]' }),
      multipart({ '0': '{"not":"an array"}' }),
    ]) {
      expect(await verdict(post(form.body, form.type), SERVER_ACTION_BODY)).toEqual({
        status: 400,
        error:
          'The request body is not multipart form data whose field "0" is a JSON array of arguments.',
      });
    }
  });

  it('is refused with 413 over 1 MB, whether it says its length or not', async () => {
    const big = `[${'"x",'.repeat(300_000)}"x"]`;
    expect(await verdict(post(big, 'text/plain'), SERVER_ACTION_BODY)).toEqual({
      status: 413,
      error: 'The request body is larger than 1048576 bytes.',
    });
    expect(
      await verdict(post(streamed(3 * 1024 * 1024), 'text/plain'), SERVER_ACTION_BODY),
    ).toMatchObject({ status: 413 });
    expect(
      await verdict(post('[]', 'text/plain', { 'Content-Length': '9999999' }), SERVER_ACTION_BODY),
    ).toMatchObject({ status: 413 });
  });
});

describe('a sign-in body', () => {
  it("goes on as next-auth's forms send it, and stays readable for next-auth", async () => {
    const request = post('email=a%40demo.test&password=x', 'application/x-www-form-urlencoded');
    expect(await verdict(request.clone(), AUTH_BODY)).toBe('accepted');
    expect(await request.text()).toBe('email=a%40demo.test&password=x');
    expect(await verdict(post('{"email":"a"}', 'application/json'), AUTH_BODY)).toBe('accepted');
  });

  it('is refused when XML, malformed JSON, not an object, or too large', async () => {
    expect(await verdict(post('<email/>', 'text/xml'), AUTH_BODY)).toEqual({
      status: 415,
      error: 'Send this request as application/x-www-form-urlencoded or application/json.',
    });
    expect(await verdict(post('{"email": ', 'application/json'), AUTH_BODY)).toEqual({
      status: 400,
      error: 'The request body is not a JSON object.',
    });
    expect(await verdict(post('["email"]', 'application/json'), AUTH_BODY)).toMatchObject({
      status: 400,
    });
    expect(
      await verdict(
        post(`password=${'x'.repeat(20_000)}`, 'application/x-www-form-urlencoded'),
        AUTH_BODY,
      ),
    ).toMatchObject({ status: 413 });
  });
});

describe('every way a body comes in', () => {
  const root = process.cwd();
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });

  it('checks it: each route handler that takes one, and every server action (proxy.ts)', () => {
    const unchecked = files(join(root, 'app'))
      .filter((path) => /\/route\.tsx?$/.test(path))
      .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))
      .filter(({ text }) => /\b(POST|PUT|PATCH|DELETE)\b/.test(text))
      .filter(({ text }) => !/\brefuseBadBody\(|\bbody: [A-Z_]+_BODY\b/.test(text))
      .map(({ path }) => path);
    expect(unchecked).toEqual([]);
    const proxy = readFileSync(join(root, 'proxy.ts'), 'utf8');
    expect(proxy).toMatch(/refuseBadBody\(request, SERVER_ACTION_BODY\)/);
    expect(proxy).toMatch(/request\.headers\.has\('next-action'\)/);
    // Which requests pass through the proxy at all: lib/http/proxy-matcher.test.ts.
  });
});
