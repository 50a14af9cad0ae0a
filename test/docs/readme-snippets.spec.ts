import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { extractSnippets, readmeSnippets, typeCheckSnippets, type Snippet } from './readme-snippets.js';

// Every ```ts block of both READMEs compiles, strict, against the library's
// own types. Context a fragment leaves out goes in a hidden
// `<!-- ts-preamble … -->` comment right above its fence (README, Development).

const root = fileURLToPath(new URL('../..', import.meta.url));
const READMES = ['README.md', 'libs/engage-send/README.md'];

describe('TypeScript snippets of the READMEs', () => {
  const snippets = readmeSnippets(root, READMES);
  const results = typeCheckSnippets(root, snippets);

  it.each(READMES)('%s has TypeScript snippets to check', (file) => {
    expect(snippets.filter((snippet) => snippet.file === file).length).toBeGreaterThan(0);
  });

  it.each(snippets.map((snippet) => [`${snippet.file}:${snippet.line}`, snippet] as const))('%s type-checks', (_, snippet) => {
    expect(results.get(snippet)).toEqual([]);
  });
});

describe('the snippet checker itself', () => {
  const markdown = [
    'Text.',
    '<!-- ts-preamble',
    "import { EngageSendService } from 'engage-send';",
    'declare const engage: EngageSendService;',
    '-->',
    '```ts',
    "await engage.typing.stop({ thread_id: 't' });",
    '```',
    '',
    '```ts',
    "const count: number = 'three';",
    '```',
    '```sh',
    'npm test',
    '```',
    '````md',
    '```ts',
    "const shownNotChecked: number = 'an example of Markdown';",
    '```',
    '````',
  ].join('\n');
  const [withPreamble, wrong, ...rest] = extractSnippets(markdown, 'EXAMPLE.md') as Snippet[];

  it('finds the ```ts blocks (not those inside another block), their first line and the preamble right above', () => {
    expect(rest).toEqual([]);
    expect(withPreamble).toMatchObject({ line: 7, code: "await engage.typing.stop({ thread_id: 't' });" });
    expect(withPreamble?.preamble).toContain('declare const engage: EngageSendService;');
    expect(wrong?.preamble).toBe('');
  });

  it('reports a type error at its line in the Markdown file, and accepts what is right', () => {
    const results = typeCheckSnippets(root, [withPreamble as Snippet, wrong as Snippet]);
    expect(results.get(withPreamble as Snippet)).toEqual([]);
    expect(results.get(wrong as Snippet)).toEqual([
      { file: 'EXAMPLE.md', line: 11, message: "Type 'string' is not assignable to type 'number'." },
    ]);
  });

  it('compiles a block named by its first line (`// name.ts`) as that file, importable by the others', () => {
    const named = extractSnippets(
      [
        '```ts',
        '// greeting.ts',
        'export const greet = (name: string) => `Hello ${name}`;',
        '```',
        '  ```ts',
        "  import { greet } from './greeting.js';",
        "  greet('Jane');",
        '  greet(42);',
        '  ```',
      ].join('\n'),
      'EXAMPLE.md',
    );
    expect(named.map((snippet) => snippet.name)).toEqual(['greeting.ts', undefined]);
    const results = typeCheckSnippets(root, named);
    expect(results.get(named[0] as Snippet)).toEqual([]);
    expect(results.get(named[1] as Snippet)).toEqual([
      { file: 'EXAMPLE.md', line: 8, message: "Argument of type 'number' is not assignable to parameter of type 'string'." },
    ]);
  });

  it('fails a fragment that needs context it was not given', () => {
    const [fragment] = extractSnippets(['```ts', "await engage.typing.stop({ thread_id: 't' });", '```'].join('\n'), 'EXAMPLE.md');
    const results = typeCheckSnippets(root, [fragment as Snippet]);
    expect(results.get(fragment as Snippet)).toEqual([{ file: 'EXAMPLE.md', line: 2, message: "Cannot find name 'engage'." }]);
  });
});
