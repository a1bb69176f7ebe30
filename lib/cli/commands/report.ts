import { getDb } from '@/db/client';
import { reconciliationReport } from '@/lib/reconciliation/report';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';

export const reportCommand: Command = {
  name: 'report',
  usage: 'report --json',
  summary: 'reconciliation per asset, with the ledger checks, as JSON',
  run(argv) {
    const { values } = parseOptions(argv, { json: { type: 'boolean' } });
    if (!values.json) throw new UsageError('only --json output is available');
    const { report, verification } = reconciliationReport(getDb().$client);
    console.log(JSON.stringify(report, null, 2));
    if (!verification.ok) throw new RefusedError(`A check failed: ${verification.firstProblem}`);
  },
};
