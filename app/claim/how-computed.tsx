/** The plain explanation of every number on the page. */
export function HowComputed() {
  return (
    <details>
      <summary>How each number was computed</summary>
      <ul>
        <li>
          <strong>Snapshot balance</strong>: what your account held in the asset at the snapshot
          time, exactly as the exchange recorded it.
        </li>
        <li>
          <strong>Claim</strong>: snapshot balance × coverage (the share the program pays for that
          asset), rounded <em>down</em> to the asset&apos;s precision, e.g. 8 decimal places for
          BTC. The fraction left over by rounding is tracked by the program, not lost.
        </li>
        <li>
          <strong>USD value</strong>: claim × the asset&apos;s USD price at the snapshot time, shown
          rounded to the cent. An asset without a snapshot price shows &ldquo;no price&rdquo; and is
          left out of the USD total, but you are still owed it in full.
        </li>
        <li>
          <strong>Paid</strong> and <strong>Outstanding</strong>: what has been paid to you in that
          asset so far, and what is still owed. You are paid in the asset itself, not in USD.
        </li>
        <li>
          Amounts show every decimal place of the asset, with commas between thousands. If finance
          changes a line after a dispute, the line says so and your claim gets a new reference.
        </li>
      </ul>
    </details>
  );
}
