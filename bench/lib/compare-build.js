/**
 * `BENCH_COMPARE=<git ref>`: the library as it was at another commit, built
 * beside this one, so that both run side by side in the same benchmark run
 * (variants `engage-send@<ref>`, `engage-send/axios@<ref>`): a before/after
 * that the machine's noise between two runs cannot blur.
 *
 * The commit is checked out into a scratch worktree under bench/results/,
 * compiled with this checkout's TypeScript, and resolves its dependencies
 * through this checkout's node_modules (a symlink). Nothing is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

/**
 * @param {string} ref a commit, branch or tag
 * @returns {{ label: string, entry: string, remove: () => void }} `entry`: file URL of the built `dist/index.js`
 */
export function buildLibraryAt(ref) {
  const sha = git('rev-parse', '--verify', `${ref}^{commit}`);
  const label = ref.length <= 12 && !/[^\w.-]/.test(ref) ? ref : sha.slice(0, 10);
  const dir = join(root, 'bench', 'results', 'compare', sha);
  if (existsSync(dir)) {
    git('worktree', 'remove', '--force', dir);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dirname(dir), { recursive: true });
  git('worktree', 'add', '--detach', dir, sha);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'libs', 'engage-send', 'tsconfig.lib.json')], { cwd: dir, stdio: 'inherit' });
  return {
    label,
    entry: pathToFileURL(join(dir, 'libs', 'engage-send', 'dist', 'index.js')).href,
    remove: () => {
      git('worktree', 'remove', '--force', dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
