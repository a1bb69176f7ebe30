'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action';

export type JobView = {
  running: boolean;
  /** What the page says of the newest job of this kind, or null if none ever ran. */
  summary: string | null;
  ok: boolean | null;
};

const POLL_MS = 1500;

/**
 * Starts a background job and follows it: while it runs the page re-reads its progress every
 * second and a half (reads only), and shows the outcome when it ends.
 */
export function JobButton(props: {
  label: string;
  busyLabel: string;
  job: JobView;
  start: (input: Record<string, never>) => Promise<ActionResult<{ message: string }>>;
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { running } = props.job;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, router]);

  return (
    <div>
      {props.job.summary && (
        <p role="status" className={`alert ${running ? 'warn' : props.job.ok ? 'ok' : 'error'}`}>
          {props.job.summary}
        </p>
      )}
      {notice && (
        <p role={notice.ok ? 'status' : 'alert'} className={`alert ${notice.ok ? 'ok' : 'error'}`}>
          {notice.text}
        </p>
      )}
      <button
        type="button"
        className="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setNotice(null);
            const result = await props.start({});
            setNotice(
              result.ok
                ? { ok: true, text: result.data.message }
                : { ok: false, text: result.error },
            );
            router.refresh();
          })
        }
      >
        {running ? props.busyLabel : props.label}
      </button>
    </div>
  );
}
