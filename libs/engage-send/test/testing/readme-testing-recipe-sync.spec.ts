import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';

const ROOT = new URL('../../../../', import.meta.url);

describe('the README testing recipe', () => {
  it('is, character for character, the test in readme-testing-recipe.spec.ts', () => {
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Testing\n'));
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    const spec = readFileSync(new URL('readme-testing-recipe.spec.ts', import.meta.url), 'utf8');
    expect(readme).toContain('\n## Testing\n');
    expect(snippet).toBe(spec);
  });
});
