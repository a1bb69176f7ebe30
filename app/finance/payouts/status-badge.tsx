const TONE: Record<string, string> = {
  pending: 'warn',
  approved: 'warn',
  executed: 'ok',
  cancelled: 'bad',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONE[status] ?? ''}`}>{status}</span>;
}
