// The vocabulary: every action and check documented, and docs/vocabulary.md generated from it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { vocabulary, vocabularyMarkdown } from '../../../src/vocabulary/describe.js';
import { actionDefinitions } from '../../../src/actions/index.js';
import { checkDefinitions } from '../../../src/checks/index.js';

const v = vocabulary();

describe('vocabulary', () => {
  it('lists every action and check definition once', () => {
    expect(v.actions.map((a) => a.name)).toEqual(actionDefinitions.map((d) => d.name));
    expect(v.checks.map((c) => c.name)).toEqual(checkDefinitions.map((d) => d.name));
    expect(new Set(v.actions.map((a) => a.name)).size).toBe(v.actions.length);
  });

  it('documents every action: a doc, the primitive it performs with its man page', () => {
    const undocumented = v.actions.filter((a) => a.doc.trim().length < 20 || a.performs.length === 0 || a.performs.some((p) => !/\(\d\)|spec/.test(p.man)));
    expect(undocumented.map((a) => a.name)).toEqual([]);
  });

  it('names the file of every definition, and that file defines it', () => {
    for (const d of [...v.actions, ...v.checks]) {
      expect(d.file, d.name).toMatch(/^src\/(actions|checks)\/\w+\.ts$/);
      expect(readFileSync(new URL(`../../../${d.file}`, import.meta.url), 'utf8'), d.file).toContain(`name: '${d.name}'`);
    }
  });

  it('documents every check: a doc, and where it reads the kernel', () => {
    const undocumented = v.checks.filter((c) => c.doc.trim().length < 20 || c.reads.length === 0);
    expect(undocumented.map((c) => c.name)).toEqual([]);
  });

  it('docs/vocabulary.md is what `container-lab vocabulary --markdown` prints (regenerate it when this fails)', () => {
    expect(readFileSync(new URL('../../../docs/vocabulary.md', import.meta.url), 'utf8')).toBe(vocabularyMarkdown(v));
  });
});
