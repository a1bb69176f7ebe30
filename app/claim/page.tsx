import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { loadClaimPage, type ClaimPageData } from '@/lib/claims/load-claim-page';
import { ClaimProofPanel } from '@/app/proof/claim-proof-panel';
import { ClaimLines } from './claim-lines';
import { ClaimOverview } from './claim-overview';
import { ClaimTimeline, When } from './claim-timeline';
import { DisputeList } from './dispute-list';
import { HowComputed } from './how-computed';
import { Respond } from './respond';

export const metadata: Metadata = { title: 'My claim' };
export const dynamic = 'force-dynamic';

function NoClaim({ data }: { data: Exclude<ClaimPageData, { kind: 'claim' }> }) {
  return (
    <section className="panel" aria-labelledby="claim-title">
      <h1 id="claim-title">My claim</h1>
      {data.kind === 'no-snapshot' ? (
        <p className="alert warn">
          Claims are not open yet: the balance snapshot has not been published. Please come back
          later; nothing is needed from you now.
        </p>
      ) : (
        <>
          <p className="alert warn">
            Your account{data.accountId ? ` (${data.accountId})` : ''} is not in the snapshot of{' '}
            {data.program.program}, taken <When iso={data.program.snapshotAt} />.
          </p>
          <p>
            This means the account held no balance that the program covers at that moment, so there
            is no claim to show. If you believe this is a mistake, contact support and quote your
            account id; do not share your password or any wallet seed phrase.
          </p>
        </>
      )}
    </section>
  );
}

export default async function ClaimPage() {
  const user = await requirePermission('claim.own');
  const data = loadClaimPage(getDb().$client, user.accountId);
  if (data.kind !== 'claim') return <NoClaim data={data} />;
  const { summary } = data;
  return (
    <>
      <ClaimOverview summary={summary} canRespond={data.canAcknowledge || data.canDispute} />
      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Where your claim stands</h2>
        <ClaimTimeline steps={data.timeline} />
      </section>
      <section className="panel" aria-labelledby="lines-title">
        <h2 id="lines-title">Your claim, line by line</h2>
        {data.lines.length > 0 ? (
          <>
            <ClaimLines lines={data.lines} />
            <HowComputed />
          </>
        ) : (
          <p>No balance was recorded for this account at the snapshot, so there are no lines.</p>
        )}
      </section>
      <Respond data={data} />
      <ClaimProofPanel status={data.proof} />
      {data.disputes.length > 0 && (
        <section className="panel" aria-labelledby="disputes-title">
          <h2 id="disputes-title">Your disputes</h2>
          <DisputeList disputes={data.disputes} />
        </section>
      )}
    </>
  );
}
