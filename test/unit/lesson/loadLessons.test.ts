// loadLessons over fixture directories: sorting, bad files beside good ones, duplicate ids, unreadable dirs.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatLoadError, loadLessons } from '../../../src/lesson/loadLessons.js';

const fixtures = fileURLToPath(new URL('../../fixtures/lessons/', import.meta.url));

describe('loadLessons', () => {
  it('loads every .md file, sorted by order then id', () => {
    const { lessons, errors } = loadLessons(join(fixtures, 'good'), { trusted: true, from: 'the package' });
    expect(errors).toEqual([]);
    expect(lessons.map((l) => [l.order, l.id])).toEqual([
      [1, 'aardvark'],
      [1, 'beta'],
      [2, 'alpha'],
    ]);
    expect(lessons[0].file).toBe(join(fixtures, 'good', '03-aardvark.md'));
  });

  it('keeps loading after a bad file and skips files that are not .md', () => {
    const { lessons, errors } = loadLessons(join(fixtures, 'mixed'));
    expect(lessons.map((l) => l.id)).toEqual(['beta']);
    expect(errors.map((e) => [e.file.slice(fixtures.length), e.line])).toEqual([
      ['mixed/02-unknown-action.md', 21],
      ['mixed/03-no-front-matter.md', 1],
    ]);
  });

  it('reports a duplicate id on the second file, at its id line', () => {
    const { lessons, errors } = loadLessons(join(fixtures, 'dup'));
    expect(lessons.map((l) => l.title)).toEqual(['First']);
    expect(errors).toEqual([
      {
        file: join(fixtures, 'dup', '02-second.md'),
        line: 5,
        message: `duplicate id "same-id" (already used by ${join(fixtures, 'dup', '01-first.md')}; ids must be unique)`,
      },
    ]);
  });

  it('reports a directory it cannot read instead of throwing', () => {
    const dir = join(fixtures, 'no-such-dir');
    expect(loadLessons(dir)).toEqual({
      lessons: [],
      errors: [{ file: dir, line: 0, message: 'cannot read the lesson directory (ENOENT: no such file or directory)' }],
    });
  });

  it('reports a file given as the directory', () => {
    const { errors } = loadLessons(join(fixtures, 'good', '02-beta.md'));
    expect(errors[0].message).toBe('cannot read the lesson directory (ENOTDIR: not a directory)');
  });
});

describe('formatLoadError', () => {
  const cwd = process.cwd();

  it('prints file:line: message, the file relative to cwd when shorter', () => {
    const e = { file: join(cwd, 'lessons', '02-ns.md'), line: 41, message: 'unknown action "unshar"' };
    expect(formatLoadError(e)).toBe(`${join('lessons', '02-ns.md')}:41: unknown action "unshar"`);
  });

  it('keeps a path that is shorter as it is', () => {
    const far = '/nonexistent-root/x/02-ns.md';
    expect(formatLoadError({ file: far, line: 3, message: 'm' })).toBe(`${far}:3: m`);
    expect(formatLoadError({ file: 'lessons/a.md', line: 41, message: 'm' })).toBe('lessons/a.md:41: m');
  });

  it('leaves the line out when the error is about the whole file or directory', () => {
    expect(formatLoadError({ file: 'lessons', line: 0, message: 'cannot read' })).toBe('lessons: cannot read');
  });

  it('works as a map callback', () => {
    const errors = [{ file: 'a.md', line: 1, message: 'x' }];
    expect(errors.map(formatLoadError)).toEqual(['a.md:1: x']);
  });
});
