// The loop behind `npm run start:dev`: TypeScript compilers in watch mode, and
// the app restarted once they have all finished a clean compile (never halfway
// through writing dist/, never with type errors).
import { spawn } from 'node:child_process';

/** tsc's line at the start and at the end of each (re)compile in watch mode. */
const COMPILE_STARTED = /Starting compilation in watch mode|File change detected\. Starting incremental compilation/;
const COMPILE_DONE = /Found (\d+) errors?\. Watching for file changes\./;
/** Quiet time after the last compile before restarting: a library change also recompiles the demo, which reads its types. */
const SETTLE_MS = 300;

/** tsc's output, without the blank lines its screen clearing leaves. */
function printNonBlank(_name, line) {
  if (line.trim() !== '') console.log(line);
}

/**
 * @typedef {object} DevCommand
 * @property {string} name  shown in the runner's own lines
 * @property {string} command
 * @property {string[]} args
 */

/**
 * @param {object} options
 * @param {DevCommand[]} options.watchers  compilers in watch mode (tsc --watch output)
 * @param {DevCommand} options.app  the program to (re)start
 * @param {string} [options.cwd]
 * @param {NodeJS.ProcessEnv} [options.env]
 * @param {(line: string) => void} [options.log]  the runner's own lines
 * @param {(name: string, line: string) => void} [options.onWatcherLine]  each line a watcher prints
 * @returns {{ stop(): Promise<void> }}
 */
export function runDev({ watchers, app, cwd = process.cwd(), env = process.env, log = console.log, onWatcherLine = printNonBlank }) {
  const states = watchers.map((watcher) => ({ ...watcher, compiling: true, errors: undefined, child: undefined }));
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let running;
  let settle;
  let stopping = false;
  let starting = Promise.resolve();

  const ready = () => states.every((s) => !s.compiling && s.errors === 0);

  const stopApp = () =>
    new Promise((resolve) => {
      const child = running;
      running = undefined;
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
      child.once('exit', () => resolve(undefined));
      child.kill('SIGTERM');
    });

  const restart = () => {
    starting = starting.then(async () => {
      if (stopping || !ready()) return;
      const restarting = running !== undefined;
      await stopApp();
      log(restarting ? `[start:dev] compiled: restarting ${app.name}` : `[start:dev] compiled: starting ${app.name}`);
      const child = spawn(app.command, app.args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
      running = child;
      child.once('exit', (code, signal) => {
        if (running === child && !stopping) log(`[start:dev] ${app.name} exited (${code ?? signal}); waiting for a change`);
      });
    });
  };

  const onLine = (state, line) => {
    onWatcherLine(state.name, line);
    if (COMPILE_STARTED.test(line)) {
      state.compiling = true;
      clearTimeout(settle);
      return;
    }
    const done = COMPILE_DONE.exec(line);
    if (!done) return;
    state.compiling = false;
    state.errors = Number(done[1]);
    if (state.errors > 0) {
      log(`[start:dev] ${state.name} has type errors: ${app.name} keeps running the last good build`);
      return;
    }
    clearTimeout(settle);
    settle = setTimeout(restart, SETTLE_MS);
  };

  for (const state of states) {
    const child = spawn(state.command, state.args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    state.child = child;
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      // tsc clears the screen between compiles unless told not to; strip what is left of that.
      for (const line of lines) onLine(state, line.replace(/\x1bc|\x1b\[[0-9;]*[A-Za-z]/g, ''));
    });
    child.once('exit', (code) => {
      if (!stopping) log(`[start:dev] ${state.name} watcher exited (${code}); stopping`);
      void stop();
    });
  }

  async function stop() {
    if (stopping) return;
    stopping = true;
    clearTimeout(settle);
    await starting;
    const exits = states
      .map((s) => s.child)
      .filter((child) => child && child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }));
    await Promise.all([stopApp(), ...exits]);
  }

  return { stop };
}
