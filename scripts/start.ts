// `npm start`: refuses to serve with an incomplete environment, then runs the production server.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { env, productionProblems } from '@/lib/env';

function refuse(reason: string): never {
  console.error(`makewhole: refusing to start: ${reason}`);
  process.exit(1);
}

const problems = productionProblems();
if (problems.length > 0) refuse(problems.join('; '));
const distDir = process.env.NEXT_DIST_DIR || '.next';
if (!existsSync(join(distDir, 'BUILD_ID')))
  refuse('no production build: run `npm run build` first');

const child = spawn('npx', ['next', 'start', '-p', String(env().PORT), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 1));
