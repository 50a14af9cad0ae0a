// npm run start:dev: the demo against the embedded emulator, rebuilt and
// restarted whenever a source of the library or of the demo changes.
import { fileURLToPath } from 'node:url';
import { runDev } from './dev-runner.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const watch = (project) => [tsc, '-p', project, '--watch', '--preserveWatchOutput'];

const dev = runDev({
  cwd: root,
  // The library's ES module build is what the demo imports (the CommonJS one is for `npm run build`).
  watchers: [
    { name: 'engage-send', command: process.execPath, args: watch('libs/engage-send/tsconfig.lib.json') },
    { name: 'demo', command: process.execPath, args: watch('apps/demo/tsconfig.app.json') },
  ],
  app: { name: 'the demo', command: process.execPath, args: ['--import', './apps/demo/dist/instrument.js', 'apps/demo/dist/main.js'] },
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void dev.stop().then(() => process.exit(0)));
}
