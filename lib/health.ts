import 'server-only';
import { getDb } from '@/db/client';

/** True when the database answers a query. */
export function databaseAnswers(): boolean {
  try {
    return getDb().$client.prepare('SELECT 1').pluck().get() === 1;
  } catch (error) {
    console.error(error);
    return false;
  }
}
