import pg from 'pg';
import { POSTGRES_TEST_URL } from '../lib/testing/temp-postgres';

// Before the suite: the PostgreSQL tests make their databases on this server.
const client = new pg.Client({
  connectionString: POSTGRES_TEST_URL,
  connectionTimeoutMillis: 5000,
});
client
  .connect()
  .then(() => client.query('SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user'))
  .then(({ rows }) => {
    if (!rows[0]?.rolcreatedb) throw new Error('the role may not create databases');
    return client.end();
  })
  .catch((error: Error) => {
    console.error(
      `No PostgreSQL for the tests at ${POSTGRES_TEST_URL} (${error.message}). Start one with:\n\n  bash scripts/postgres-setup.sh\n\nor set POSTGRES_TEST_URL to a role that may create databases.\n`,
    );
    process.exit(1);
  });
