import type { ClaimPageData } from '@/lib/claims/load-claim-page';
import { AcknowledgeForm } from './acknowledge-form';
import { DisputeForm } from './dispute-form';

type Data = Extract<ClaimPageData, { kind: 'claim' }>;

function acknowledgeNote(data: Data): string | null {
  const { summary } = data;
  if (summary.nothingOwed)
    return 'There is nothing to acknowledge: nothing is owed to this account.';
  if (summary.status === 'acknowledged')
    return `You acknowledged claim ${summary.reference}. Nothing else is needed from you.`;
  if (summary.status === 'paid') return 'Your claim is paid in full.';
  if (summary.status === 'disputed' || !data.canAcknowledge) {
    return 'You can acknowledge your claim once finance has answered your dispute.';
  }
  return null;
}

/** Acknowledge or dispute: the only two things a claimant does, bound to the version shown. */
export function Respond({ data }: { data: Data }) {
  const note = acknowledgeNote(data);
  const options = data.lines.map(({ asset, name, decimals, claim }) => ({
    asset,
    name,
    decimals,
    claim,
  }));
  return (
    <section className="panel" id="respond" aria-labelledby="respond-title">
      <h2 id="respond-title">Acknowledge or dispute</h2>
      {data.canAcknowledge ? (
        <AcknowledgeForm version={data.summary.version} reference={data.summary.reference} />
      ) : (
        note && <p data-testid="acknowledge-note">{note}</p>
      )}
      {data.canDispute && (
        <>
          <p className="muted">
            Something wrong? Dispute your claim instead. You will see finance&apos;s answer here.
          </p>
          <DisputeForm version={data.summary.version} options={options} />
        </>
      )}
    </section>
  );
}
