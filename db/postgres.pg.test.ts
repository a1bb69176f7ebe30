import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgres, type PgDb } from './postgres';
import { tempPostgres, type TempPostgres } from '@/lib/testing/temp-postgres';

describe('a PostgreSQL pool', () => {
  let temp: TempPostgres;
  let other: PgDb;

  beforeAll(async () => {
    temp = await tempPostgres();
    other = await openPostgres(temp.url, { migrate: false, max: 1 });
  });
  afterAll(async () => {
    await other.$client.end();
    await temp.drop();
  });

  it('outlives the server ending an idle connection, and answers the next query', async () => {
    const said = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { rows } = await temp.db.$client.query<{ pid: number }>(
        'SELECT pg_backend_pid() AS pid',
      );
      await other.$client.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await vi.waitFor(() => expect(said).toHaveBeenCalled(), { timeout: 5_000 });
      expect(String(said.mock.calls[0]![0])).toMatch(/an idle connection to .* ended/);
      expect(String(said.mock.calls[0]![0])).not.toContain(':makewhole@');
      const again = await temp.db.$client.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      said.mockRestore();
    }
  });
});
