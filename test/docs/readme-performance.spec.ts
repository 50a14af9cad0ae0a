import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The README's performance figures are written by the benchmark
// (`bench/readme-table.js`) from a run's results, kept in
// bench/readme-results.json: here they must be exactly what that run gives.

// bench/ is plain JavaScript (ESM), outside the TypeScript sources.
type Lib = Record<string, any>;
const bench = (path: string): Promise<Lib> => import(`../../bench/lib/${path}`);
const readmeTable = () => bench('readme-table.js');

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

describe("the README's performance figures", () => {
  it('are what bench/readme-table.js writes from the run kept in bench/readme-results.json', async () => {
    const { START_MARKER, END_MARKER, performanceMarkdown } = await readmeTable();
    const readme = read('README.md');
    const start = readme.indexOf(START_MARKER);
    const end = readme.indexOf(END_MARKER);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const written = readme.slice(start + START_MARKER.length, end).trim();
    expect(written).toBe(performanceMarkdown(JSON.parse(read('bench/readme-results.json'))).trim());
  });

  it('come from a full run: every target measured, every variant in every mix', async () => {
    const { config, raw } = JSON.parse(read('bench/readme-results.json'));
    expect(config.quick).toBe(false);
    expect(config.skip).toEqual([]);
    const { summarise } = await bench('report.js');
    const { targets } = summarise(raw, config);
    expect(targets.filter((t: Lib) => t.met === null)).toEqual([]);
  });

  it('a README without its markers is refused, not rewritten somewhere else', async () => {
    const { withPerformanceSection } = await readmeTable();
    expect(() => withPerformanceSection('# no markers here\n', JSON.parse(read('bench/readme-results.json')))).toThrow(/needs one/);
  });
});
