import { describe, expect, it } from 'vitest';
import { databaseName, nameBeside, quoted, withDatabaseName } from './pg-server';

describe('database names taken from DATABASE_URL', () => {
  it('reads a name as the server spells it, and writes it back the same', () => {
    const url = 'postgres://app:secret@db.example:5432/it%27s%20%22odd%22';
    expect(databaseName(url)).toBe(`it's "odd"`);
    const other = withDatabaseName(url, `it's "odd"_restoring`);
    expect(databaseName(other)).toBe(`it's "odd"_restoring`);
    expect(new URL(other).password).toBe('secret');
    expect(quoted(`it's "odd"`)).toBe(`"it's ""odd"""`);
  });

  it('refuses a URL without a database, or one the two clients would read differently', () => {
    expect(() => databaseName('postgres://app:secret@db.example:5432/')).toThrow(
      /^postgres:\/\/app@db\.example:5432\/ names no database\.$/,
    );
    const error = (() => {
      try {
        databaseName('postgres://app:secret@db.example/a%23b');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/cannot be backed up or restored here/);
    expect(error?.message).not.toContain('secret');
  });

  it('refuses parameters that would send pg_dump to another database, naming none of their values', () => {
    const sent = 'postgres://app@db.example/live?sslmode=require&dbname=other&password=hunter2';
    expect(() => databaseName(sent)).toThrow(
      /^postgres:\/\/app@db\.example\/live: backup and restore take no dbname, password parameter/,
    );
    expect(() => databaseName(sent)).not.toThrow(/hunter2|other/);
    expect(databaseName('postgres://app@db.example/live?sslmode=require')).toBe('live');
  });

  it('refuses a name beside it that the server would cut to 63 bytes', () => {
    expect(nameBeside('a'.repeat(53), '_restoring')).toHaveLength(63);
    expect(() => nameBeside('a'.repeat(54), '_restoring')).toThrow(
      /too long .*\(at most 63 bytes\)/,
    );
    expect(() => nameBeside('é'.repeat(27), '_restoring')).toThrow(/too long/);
  });
});
