import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The demo as `npm start` runs it: the compiled app, preloaded with
 * `--import instrument.js`, in its own process. Runs the compiled output, so
 * it builds first when the output is missing or older than its sources
 * (`.ci/run` has built already; locally this keeps `npm test` a single command).
 */

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INSTRUMENT = join(ROOT, 'apps/demo/dist/instrument.js');
const MAIN = join(ROOT, 'apps/demo/dist/main.js');
/** Source trees whose compiled output the child runs: the demo's, and the library's (imported as `engage-send`). */
const BUILDS = [
  { src: join(ROOT, 'apps/demo/src'), output: MAIN },
  { src: join(ROOT, 'libs/engage-send/src'), output: join(ROOT, 'libs/engage-send/dist/index.js') },
];

export const STARTUP_TIMEOUT_MS = 15_000;
/** Time `ensureBuilt` may take (a full `npm run build`). */
export const BUILD_TIMEOUT_MS = 125_000;

function newestTs(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => statSync(join(dir, file)).mtimeMs),
  );
}

/** Why the compiled demo or library can't be run as is, or `undefined` when it is up to date. */
function buildProblem(): string | undefined {
  for (const { src, output } of BUILDS) {
    const name = relative(ROOT, output);
    if (!existsSync(output) || (src === BUILDS[0].src && !existsSync(INSTRUMENT))) {
      return `${name} (or instrument.js) is missing`;
    }
    if (newestTs(src) > statSync(output).mtimeMs) return `${name} is older than ${relative(ROOT, src)}`;
  }
  return undefined;
}

/** Builds when needed; throws, naming the problem, if the build does not fix it. */
export function ensureBuilt(): void {
  if (buildProblem() === undefined) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  const problem = buildProblem();
  if (problem) throw new Error(`${problem} even after \`npm run build\``);
}

/** The spawned demo and everything it printed so far. */
export interface SpawnedDemo {
  readonly process: ChildProcess;
  stdout: string;
  stderr: string;
}

/**
 * Starts `node --import instrument.js main.js` on a free loopback port, with
 * the parent's environment minus anything that would change what is tested
 * (`OTEL_*`, `ENGAGE_*`, `NODE_OPTIONS`, the demo's own settings), plus `env`.
 */
export function spawnDemo(env: NodeJS.ProcessEnv = {}): SpawnedDemo {
  const inherited: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(OTEL_|ENGAGE_|NODE_OPTIONS$|LOG_LEVEL$|ALLOWED_HOSTS$)/.test(key)) inherited[key] = value;
  }
  const child = spawn(process.execPath, ['--import', INSTRUMENT, MAIN], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state: SpawnedDemo = { process: child, stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (state.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (state.stderr += chunk));
  return state;
}

export function describeChild(child: SpawnedDemo): string {
  const tail = (text: string) => text.split('\n').slice(-30).join('\n');
  return `\n--- demo stdout (tail) ---\n${tail(child.stdout)}\n--- demo stderr (tail) ---\n${tail(child.stderr)}`;
}

/** Resolves with what `read` finds in the child's output, polling until then; rejects on timeout or exit. */
export async function waitFor<T>(child: SpawnedDemo, what: string, timeoutMs: number, read: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = read();
    if (found !== undefined) return found;
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`the demo exited (${child.process.exitCode ?? child.process.signalCode}) before ${what}${describeChild(child)}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describeChild(child)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The URL from the demo's "Listening on" log line, once it is printed. */
export function waitForUrl(child: SpawnedDemo): Promise<string> {
  return waitFor(child, 'the "Listening on" log line', STARTUP_TIMEOUT_MS, () => /Listening on (http:\/\/\S+)/.exec(child.stdout)?.[1]);
}

/** Resolves once the child has exited. */
export function exited(child: SpawnedDemo): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => proc.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the child has exited. */
export async function stopDemo(child: SpawnedDemo): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const done = exited(child);
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await done;
  clearTimeout(timer);
}
