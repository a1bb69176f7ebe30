import { databaseAnswers } from '@/lib/health';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  const ok = databaseAnswers();
  return Response.json(
    { status: ok ? 'ok' : 'unavailable', database: ok },
    { status: ok ? 200 : 503 },
  );
}
