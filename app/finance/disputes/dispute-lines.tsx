import type { DisputeView } from '@/lib/disputes/dispute-queries';
import { displayDecimal, displayUnits } from '@/lib/reconciliation/display';
import { TableRegion } from '@/app/admin/table-region';

/** The claimant's disputed lines: what they are owed now, what they expect, what was paid. */
export function DisputeLines({ dispute }: { dispute: DisputeView }) {
  const adjusted = Object.keys(dispute.adjustedTo).length > 0;
  return (
    <TableRegion label="Disputed lines">
      <table>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">
              Claim now
            </th>
            <th scope="col" className="num">
              Claimant expects
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            {adjusted && (
              <th scope="col" className="num">
                Adjusted to
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {dispute.lines.map((line) => {
            const decimals = line.decimals ?? 0;
            const to = dispute.adjustedTo[line.asset];
            return (
              <tr key={line.asset}>
                <th scope="row">{line.asset}</th>
                <td className="num">{displayUnits(line.claimUnits, decimals)}</td>
                <td className="num">
                  {/^[0-9]+(\.[0-9]+)?$/.test(line.expected)
                    ? displayDecimal(line.expected)
                    : line.expected}
                </td>
                <td className="num">{displayUnits(line.paidUnits, decimals)}</td>
                {adjusted && (
                  <td className="num">{to === undefined ? '—' : displayUnits(to, decimals)}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
