import type { ReactNode } from 'react';

/** A wide table that scrolls sideways: focusable and named, so keyboard users can scroll it too. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={`${label} (table)`} tabIndex={0}>
      {children}
    </div>
  );
}
