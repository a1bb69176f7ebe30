/** The journeys' own database file, as scripts/e2e-server.ts creates it for this port. */
export const e2eDatabaseFile = () => `data/e2e-${process.env.E2E_PORT ?? 3100}/makewhole.db`;
