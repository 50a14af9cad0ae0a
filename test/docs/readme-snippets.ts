import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** A ```ts block of a Markdown file, with the hidden context it is compiled with. */
export interface Snippet {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the block's first code line in that file. */
  line: number;
  code: string;
  /** The body of a `<!-- ts-preamble … -->` comment right above the fence, or ''. */
  preamble: string;
  /** The file name a first line like `// app.module.ts` gives the block, so others can import it. */
  name?: string;
}

/** A compiler error, located in the Markdown file. */
export interface SnippetDiagnostic {
  file: string;
  line: number;
  message: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;
const TYPESCRIPT = new Set(['ts', 'typescript']);
const PREAMBLE_OPEN = '<!-- ts-preamble';
const FILE_NAME = /^\/\/ ([\w.-]+\.ts)\b/;

/**
 * Every ```ts (or ```typescript) block of `markdown`, in order. Fences may be
 * indented (in a list item); a block fenced with more backticks (an example of
 * Markdown) is skipped whole, whatever it holds.
 */
export function extractSnippets(markdown: string, file: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] as string);
    if (open === null) continue;
    const [, indent = '', fence = '', language = ''] = open;
    const closing = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`);
    const end = lines.findIndex((line, j) => j > i && closing.test(line));
    if (end === -1) throw new Error(`${file}:${i + 1}: unclosed code block`);
    if (TYPESCRIPT.has(language)) {
      const code = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
      const name = FILE_NAME.exec(code)?.[1];
      snippets.push({ file, line: i + 2, code, preamble: preambleAbove(lines, i), ...(name !== undefined && { name }) });
    }
    i = end;
  }
  return snippets;
}

// The comment must end on the line right above the fence, so a preamble can't
// drift away from the block it serves.
function preambleAbove(lines: string[], fence: number): string {
  if (lines[fence - 1]?.trim() !== '-->') return '';
  for (let j = fence - 2; j >= 0; j--) {
    const line = (lines[j] as string).trim();
    if (line.startsWith(PREAMBLE_OPEN)) return [line.slice(PREAMBLE_OPEN.length), ...lines.slice(j + 1, fence - 1)].join('\n');
    if (line.includes('-->')) break;
  }
  return '';
}

/**
 * Type-checks each snippet as its own ES module (preamble, then the code)
 * with the repository's tsconfig.json, so `engage-send` and
 * `engage-send/testing` resolve to the library's sources.
 */
export function typeCheckSnippets(root: string, snippets: Snippet[]): Map<Snippet, SnippetDiagnostic[]> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error('tsconfig.json could not be read');

  // Virtual files, one folder per Markdown file (a named block is importable as `./name.js` by
  // the others); under the root, whose package.json (`"type": "module"`) makes them ES modules.
  const virtual = new Map<string, { snippet: Snippet; text: string; preambleLines: number }>();
  for (const snippet of snippets) {
    const path = join(root, '.readme-snippets', snippet.file.replace(/\W+/g, '_'), snippet.name ?? `line-${snippet.line}.ts`);
    if (virtual.has(path)) throw new Error(`${snippet.file}:${snippet.line}: a second block named ${snippet.name}`);
    const preamble = snippet.preamble === '' ? '' : `${snippet.preamble}\n`;
    // `export {}` keeps a snippet without imports a module (its own scope, top-level await).
    const text = `${preamble}${snippet.code}\nexport {};\n`;
    virtual.set(path, { snippet, text, preambleLines: preamble.split('\n').length - 1 });
  }

  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  const folders = new Set([...virtual.keys()].map((path) => dirname(path)));
  host.directoryExists = (path) => folders.has(path) || (directoryExists?.call(host, path) ?? true);
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(path)?.text ?? readFile.call(host, path);
  host.getSourceFile = (path, languageVersion, ...rest) => {
    const file = virtual.get(path);
    return file !== undefined ? ts.createSourceFile(path, file.text, languageVersion) : getSourceFile.call(host, path, languageVersion, ...rest);
  };

  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: config.options, host });
  const results = new Map<Snippet, SnippetDiagnostic[]>(snippets.map((snippet) => [snippet, []]));
  for (const [path, { snippet, preambleLines }] of virtual) {
    const source = program.getSourceFile(path);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    for (const diagnostic of diagnostics) {
      const at = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : 0;
      const inPreamble = at < preambleLines;
      (results.get(snippet) as SnippetDiagnostic[]).push({
        file: snippet.file,
        line: inPreamble ? snippet.line - 1 : snippet.line + at - preambleLines,
        message: `${inPreamble ? '(in the ts-preamble) ' : ''}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      });
    }
  }
  return results;
}

/** The snippets of the given Markdown files (paths relative to `root`). */
export function readmeSnippets(root: string, files: string[]): Snippet[] {
  return files.flatMap((file) => extractSnippets(readFileSync(join(root, file), 'utf8'), relative(root, join(root, file))));
}
