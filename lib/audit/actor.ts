/** Who performs a staff step: the signed-in finance or admin login, named in ledger and audit. */
export type StaffActor = { id: number; email: string };
