import { getDb } from '@/db/client';
import { claimToJson, getClaim } from '@/lib/claims/get-claim';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';

export const claimCommand: Command = {
  name: 'claim',
  usage: 'claim <account_id> --json',
  summary: "one account's claim as JSON",
  run(argv) {
    const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' } }, true);
    const [accountId, ...extra] = positionals;
    if (!accountId || extra.length > 0 || !values.json)
      throw new UsageError('expected an account id and --json');
    const claim = getClaim(getDb().$client, accountId);
    if (!claim) throw new RefusedError(`No account "${accountId}" in the imported snapshot.`);
    console.log(JSON.stringify(claimToJson(claim), null, 2));
  },
};
