// What `npm pack` would publish of libs/engage-send, checked from the tarball
// itself (prepack builds it): the documents, nothing but the builds, typings
// for both, every target of package.json present, no tests, self-contained
// source maps; then the ES module build imported and used from the tarball.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

// A Nest 12 app in one file: wiring, a signed send the emulator accepts, a typed error.
const SMOKE = `import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EngageSendModule, EngageSendService, EngageValidationError } from 'engage-send';
import { EngageEmulator } from 'engage-send/testing';

const emulator = new EngageEmulator({ sources: [{ id: 'src-1', accessToken: 'token-1' }] });
const baseUrl = await emulator.start();
class AppModule {}
Module({ imports: [EngageSendModule.forRoot({ baseUrl, sourceId: 'src-1', accessToken: 'token-1' })] })(AppModule);
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
try {
  const engage = app.get(EngageSendService);
  const result = await engage.messages.create({ id: 'm1', thread_id: 't1', author: { id: 'u1', screenname: 'U' }, body: 'hello' });
  const invalid = await engage.messages.create({ id: 'm2', thread_id: 't1', author: { screenname: 'U' }, body: 'x' }).catch((error) => error);
  const from = import.meta.resolve('engage-send');
  const ok = result.status === 200 && emulator.requests.length === 1 && invalid instanceof EngageValidationError && from.includes('/node_modules/engage-send/dist/index.js');
  console.log(ok ? 'ok' : \`status \${result.status}, \${emulator.requests.length} accepted, \${invalid}, loaded from \${from}\`);
} finally {
  await app.close();
  await emulator.stop();
}
`;

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'engage-send-pack-'));
const problems = [];
const problem = (message) => problems.push(message);

try {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: join(root, 'libs/engage-send'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
  const pkgDir = join(work, 'package');
  const files = new Set(packed.files.map((file) => file.path));
  const read = (path) => readFileSync(join(pkgDir, path), 'utf8');
  const manifest = JSON.parse(read('package.json'));

  // Documents: a README with the install line and every peer, the license, a changelog entry for this version.
  for (const doc of ['README.md', 'LICENSE', 'CHANGELOG.md']) if (!files.has(doc)) problem(`${doc} is not in the package`);
  if (files.has('README.md')) {
    const readme = read('README.md');
    if (!readme.includes('npm install engage-send')) problem('README.md has no install line');
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) if (!readme.includes(`\`${peer}\``)) problem(`README.md does not list the peer ${peer}`);
  }
  if (files.has('LICENSE') && !(manifest.license === 'MIT' && read('LICENSE').startsWith('MIT License'))) problem(`LICENSE does not match "license": "${manifest.license}"`);
  if (files.has('CHANGELOG.md') && !read('CHANGELOG.md').includes(`## [${manifest.version}]`)) problem(`CHANGELOG.md has no "## [${manifest.version}]" entry`);
  for (const field of ['repository', 'homepage', 'bugs', 'keywords', 'engines']) if (manifest[field] === undefined) problem(`package.json has no "${field}"`);

  // Nothing but the documents and the two builds.
  const allowed = [/^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/, /^dist\/cjs\/package\.json$/, /^dist\/.+\.(js|d\.ts|js\.map)$/];
  for (const file of files) {
    if (!allowed.some((pattern) => pattern.test(file))) problem(`stray file: ${file}`);
    if (/(^|\/)(test|tests|__tests__)\/|\.(spec|test|e2e-spec)\.[cm]?[jt]s/.test(file)) problem(`test file: ${file}`);
  }
  if (read('dist/cjs/package.json').trim() !== '{"type":"commonjs"}') problem('dist/cjs/package.json does not make dist/cjs CommonJS');

  // Typings for every module of both builds, and a CommonJS twin of every ES module.
  const modules = [...files].filter((file) => file.endsWith('.js'));
  for (const file of modules) if (!files.has(file.replace(/\.js$/, '.d.ts'))) problem(`no typings for ${file}`);
  // The CLI is the `bin`, an ES module run by node: it has no CommonJS twin on purpose.
  const esm = modules.filter((file) => !file.startsWith('dist/cjs/') && file !== 'dist/testing/emulator.cli.js');
  for (const file of esm) if (!files.has(file.replace(/^dist\//, 'dist/cjs/'))) problem(`no CommonJS build of ${file}`);

  // Every path package.json points at exists; `types` comes first in each condition (TypeScript reads them in order).
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
  const walk = (entry, where) => {
    if (typeof entry === 'string') return void targets.push(entry);
    const keys = Object.keys(entry);
    if (keys.includes('types') && keys[0] !== 'types') problem(`exports${where}: "types" is not the first condition`);
    for (const key of keys) walk(entry[key], `${where}["${key}"]`);
  };
  walk(manifest.exports, '');
  for (const target of targets) if (!files.has(posix.normalize(target))) problem(`package.json points at ${target}, which is not in the package`);
  for (const bin of Object.values(manifest.bin ?? {})) {
    if (files.has(posix.normalize(bin)) && !read(bin).startsWith('#!/usr/bin/env node')) problem(`${bin} has no #! line`);
  }

  // Source maps name ../src/*.ts, which is not published: each must carry its sources' content.
  for (const file of [...files].filter((path) => path.endsWith('.js.map'))) {
    const map = JSON.parse(read(file));
    const outside = map.sources.filter((source) => !files.has(posix.join(posix.dirname(file), source)));
    if (outside.length > 0 && (map.sourcesContent ?? []).filter((content) => typeof content === 'string').length !== map.sources.length) {
      problem(`${file} points at ${outside.join(', ')} outside the package without inlining it`);
    }
  }
  for (const file of modules) {
    const mapping = /\/\/# sourceMappingURL=(.+)\s*$/.exec(read(file))?.[1];
    if (mapping !== undefined && !files.has(posix.join(posix.dirname(file), mapping))) problem(`${file} names a missing source map ${mapping}`);
  }

  // The ES module build, imported from the tarball by a Nest 12 app (the workspace's
  // installed packages as its node_modules), sends one message to the emulator.
  // (The CommonJS build gets the same from a Nest 11 app: npm run smoke:nest11.)
  const app = join(work, 'app');
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry !== 'engage-send' && entry !== '.bin') symlinkSync(join(root, 'node_modules', entry), join(app, 'node_modules', entry));
  }
  renameSync(pkgDir, join(app, 'node_modules/engage-send'));
  writeFileSync(join(app, 'package.json'), '{ "private": true, "type": "module" }\n');
  writeFileSync(join(app, 'smoke.js'), SMOKE);
  const smoke = execFileSync(process.execPath, ['smoke.js'], { cwd: app, encoding: 'utf8' }).trim();
  if (smoke !== 'ok') problem(`ES module smoke test: ${smoke}`);

  const size = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(`package: ${packed.id}, ${files.size} files, ${size(packed.size)} packed, ${size(packed.unpackedSize)} unpacked`);
} catch (error) {
  problem(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`check-package: ${problems.length} problem(s) with what npm pack would publish:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('check-package: ok (documents, files, typings of both builds, package.json targets, source maps, ES module import)');
