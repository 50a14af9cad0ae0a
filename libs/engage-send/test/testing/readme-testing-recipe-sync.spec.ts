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

describe("the package README's quick start and its test", () => {
  it.each(['chat-bridge.service.ts', 'chat-bridge.service.spec.ts'])('%s is, character for character, the file of that name here', (name) => {
    const readme = readFileSync(new URL('libs/engage-send/README.md', ROOT), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    const block = blocks.find((code) => code?.startsWith(`// ${name}\n`));
    expect(block).toBe(readFileSync(new URL(name, import.meta.url), 'utf8'));
  });
});
