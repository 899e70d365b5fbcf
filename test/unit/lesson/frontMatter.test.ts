// Front matter splitting and YAML blocks that know their file lines.
import { describe, expect, it } from 'vitest';
import { frontMatterKeyLine, parseYamlAt, splitFrontMatter } from '../../../src/lesson/frontMatter.js';

describe('splitFrontMatter', () => {
  it('splits YAML from body and keeps line numbers', () => {
    const split = splitFrontMatter('---\nid: a\norder: 1\n---\n\n## Step\n');
    expect(split.error).toBeNull();
    expect(split.frontMatter).toEqual({ yaml: 'id: a\norder: 1', line: 2 });
    expect(split.bodyLine).toBe(5);
    expect(split.body).toBe('\n## Step\n');
  });

  it('handles CRLF and a byte order mark', () => {
    const split = splitFrontMatter('\uFEFF---\r\nid: a\r\n---\r\nbody');
    expect(split.frontMatter).toEqual({ yaml: 'id: a', line: 2 });
    expect(split.body).toBe('body');
    expect(split.bodyLine).toBe(4);
  });

  it('reports a file without front matter on line 1 and keeps the whole file as body', () => {
    const split = splitFrontMatter('# Title\n\n## Step');
    expect(split.error?.line).toBe(1);
    expect(split.error?.message).toMatch(/no front matter/);
    expect(split.frontMatter).toBeNull();
    expect(split.bodyLine).toBe(1);
    expect(split.body).toBe('# Title\n\n## Step');
  });

  it('reports front matter that is never closed', () => {
    const split = splitFrontMatter('---\nid: a\n\n## Step\n');
    expect(split.error).toEqual({ line: 1, message: 'front matter is never closed: add a "---" line after it' });
    expect(split.frontMatter).toBeNull();
  });

  it('accepts "..." as the closing line', () => {
    expect(splitFrontMatter('---\nid: a\n...\nbody').frontMatter).toEqual({ yaml: 'id: a', line: 2 });
  });
});

describe('parseYamlAt', () => {
  it('gives the file line of keys and list items, nested or not', () => {
    const block = parseYamlAt('do: run\nwith:\n  command: [a, b]\ncheck:\n  - same-kernel: {}\n  - links:\n      only: [lo]', 20);
    expect(block.error).toBeNull();
    expect(block.lineOf(['do'])).toBe(20);
    expect(block.lineOf(['with', 'command'])).toBe(22);
    expect(block.lineOf(['check', 1])).toBe(25);
    expect(block.lineOf(['check', 1, 'links', 'only'])).toBe(26);
  });

  it('falls back to the deepest part of the path that exists', () => {
    const block = parseYamlAt('a: 1\nwith:\n  x: 1', 10);
    expect(block.lineOf(['with', 'missing'])).toBe(11);
    expect(block.lineOf(['missing'])).toBeNull();
  });

  it('puts a syntax error on its file line with a one-line message', () => {
    const block = parseYamlAt('a: 1\na: 2', 7);
    expect(block.value).toBeUndefined();
    expect(block.error).toEqual({ line: 8, message: 'Map keys must be unique' });
  });

  it('never points past the block', () => {
    const block = parseYamlAt('a: "open', 3);
    expect(block.error?.line).toBe(3);
  });
});

describe('parseYamlAt on nesting no lesson needs', () => {
  it('refuses flow collections nested past 64 levels at once, on their line', () => {
    const started = performance.now();
    const deep = parseYamlAt(`a: 1\nb: ${'{['.repeat(20000)}`, 5);
    expect(performance.now() - started).toBeLessThan(200);
    expect(deep.error).toEqual({ line: 6, message: 'nested more than 64 levels deep (a lesson needs a few)' });
    expect(parseYamlAt(`a: ${'['.repeat(64)}${']'.repeat(64)}`, 1).error).toBeNull();
    expect(parseYamlAt(`a: "${'['.repeat(100)}"`, 1).error).toBeNull();
  });

  it('reports a parser that runs out of stack as a problem of the block, not a stack trace', () => {
    const r = parseYamlAt('- '.repeat(60000) + 'x', 2);
    if (r.error) expect(r.error.message).not.toMatch(/Maximum call stack|RangeError/);
  });
});

describe('frontMatterKeyLine', () => {
  it('finds a key, or says line 1', () => {
    expect(frontMatterKeyLine('---\ntitle: x\nid: y\n---\n', 'id')).toBe(3);
    expect(frontMatterKeyLine('no front matter', 'id')).toBe(1);
  });
});
