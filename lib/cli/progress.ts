import { SingleBar, Presets } from 'cli-progress';

type Progress = { update(done: number, total: number): void; stop(): void };

/**
 * Progress for a program watching this one (MAKEWHOLE_PROGRESS=json): one JSON line on stderr
 * per percent, e.g. `{"progress":"Importing","done":512,"total":1024}`.
 */
function jsonLines(label: string): Progress {
  let lastPercent = -1;
  return {
    update(done, total) {
      const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
      if (percent === lastPercent) return;
      lastPercent = percent;
      process.stderr.write(`${JSON.stringify({ progress: label, done, total })}\n`);
    },
    stop() {},
  };
}

/** A progress bar on a terminal; silent when stderr is a file or a pipe (unless asked for JSON). */
export function progressBar(label: string): Progress {
  if (process.env.MAKEWHOLE_PROGRESS === 'json') return jsonLines(label);
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {eta_formatted} left`,
      stream: process.stderr,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/**
 * How long each phase of a long command took, phases being named as they start; `finish` ends
 * the last. With MAKEWHOLE_PROGRESS=json each start is also a line on stderr, e.g.
 * `{"phase":"index"}`.
 */
export function phaseTimer<Phase extends string>() {
  const took = new Map<Phase, number>();
  let current: { phase: Phase; startedAt: bigint } | null = null;
  const end = () => {
    if (!current) return;
    const ms = Number(process.hrtime.bigint() - current.startedAt) / 1e6;
    took.set(current.phase, (took.get(current.phase) ?? 0) + ms);
    current = null;
  };
  return {
    start(phase: Phase) {
      end();
      current = { phase, startedAt: process.hrtime.bigint() };
      if (process.env.MAKEWHOLE_PROGRESS === 'json')
        process.stderr.write(`${JSON.stringify({ phase })}\n`);
    },
    /** Milliseconds per phase, in the order they ran. */
    finish(): Map<Phase, number> {
      end();
      return took;
    },
  };
}

/** `validate and write 4.1 s, index 0.3 s`: a phase timer's result for people. */
export function formatPhases(took: ReadonlyMap<string, number>): string {
  return [...took].map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`).join(', ');
}
