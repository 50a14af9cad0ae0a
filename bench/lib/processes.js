/** The benchmark's processes: the server, and one client process per task. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../server.js', import.meta.url));
const CLIENT = fileURLToPath(new URL('../client.js', import.meta.url));

/** Starts `bench/server.js` in a child process; resolves with its origin and a `stop()`. */
export function startServer({ token }) {
  const child = fork(SERVER, [], { env: { ...process.env, BENCH_TOKEN: token }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`bench server exited with ${code} before listening`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', ({ port }) => {
      child.off('exit', onExit);
      resolve({
        origin: `http://127.0.0.1:${port}`,
        /** Signature refusals so far (must stay 0: every variant signs correctly). */
        refused: () =>
          new Promise((done) => {
            child.once('message', (message) => done(message.refused));
            child.send('stats');
          }),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/**
 * Runs one task in a fresh client process (`bench/client.js`, with
 * `--expose-gc` and any `execArgv`); resolves with the result it reports.
 */
export function runClient(task, { execArgv = [] } = {}) {
  const child = fork(CLIENT, [JSON.stringify(task)], {
    execArgv: ['--expose-gc', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let result;
    child.on('message', (message) => {
      result = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result?.error !== undefined) reject(new Error(`client ${task.kind}/${task.variant ?? ''}: ${result.error}`));
      else if (result === undefined) reject(new Error(`client ${task.kind}/${task.variant ?? ''} exited with ${code} and no result`));
      else resolve(result);
    });
  });
}
