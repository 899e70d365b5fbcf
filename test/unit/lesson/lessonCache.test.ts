// loadLessonsCached: the same result as loadLessons, from the cache only while no lesson file and no build changed.
import { appendFileSync, chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEPT_CACHE_FILES, lessonCacheDir, loadLessonsCached } from '../../../src/lesson/lessonCache.js';
import { loadLessons } from '../../../src/lesson/loadLessons.js';

const fixtures = fileURLToPath(new URL('../../fixtures/lessons/', import.meta.url));
const source = { trusted: false, from: 'a test' };

describe('loadLessonsCached', () => {
  let base: string;
  let lessons: string;
  let cache: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'container-lab-test-cache-'));
    lessons = join(base, 'lessons');
    cache = join(base, 'cache');
    cpSync(join(fixtures, 'mixed'), lessons, { recursive: true });
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('answers as loadLessons does, errors included, and from the cache the second time', async () => {
    const first = await loadLessonsCached(lessons, source, cache);
    expect(first.hit).toBe(false);
    expect(first.result).toEqual(loadLessons(lessons, source));
    expect(first.result.errors.length).toBeGreaterThan(0);
    const second = await loadLessonsCached(lessons, source, cache);
    expect(second).toEqual({ result: first.result, hit: true });
  });

  it('loads afresh when a lesson file changes, appears or goes, or the source differs', async () => {
    await loadLessonsCached(lessons, source, cache);
    const file = join(lessons, readdirSync(lessons).filter((n) => n.endsWith('.md'))[0]);
    appendFileSync(file, '\n');
    expect((await loadLessonsCached(lessons, source, cache)).hit).toBe(false);
    expect((await loadLessonsCached(lessons, source, cache)).hit).toBe(true);
    cpSync(join(fixtures, 'good', '03-aardvark.md'), join(lessons, '09-aardvark.md'));
    const added = await loadLessonsCached(lessons, source, cache);
    expect(added.hit).toBe(false);
    expect(added.result.lessons.map((l) => l.id)).toContain('aardvark');
    rmSync(join(lessons, '09-aardvark.md'));
    expect((await loadLessonsCached(lessons, source, cache)).result.lessons.map((l) => l.id)).not.toContain('aardvark');
    expect((await loadLessonsCached(lessons, { trusted: false, from: 'elsewhere' }, cache)).hit).toBe(false);
  });

  it('keeps the files of the last KEPT_CACHE_FILES directories written, the newest', async () => {
    const dirs = Array.from({ length: KEPT_CACHE_FILES + 3 }, (_, i) => {
      const dir = join(base, `lessons-${i}`);
      cpSync(join(fixtures, 'mixed'), dir, { recursive: true });
      return dir;
    });
    for (const dir of dirs) await loadLessonsCached(dir, source, cache);
    expect(readdirSync(cache).filter((n) => n.endsWith('.json'))).toHaveLength(KEPT_CACHE_FILES);
    expect((await loadLessonsCached(dirs.at(-1)!, source, cache)).hit).toBe(true);
    expect((await loadLessonsCached(dirs.at(-KEPT_CACHE_FILES)!, source, cache)).hit).toBe(true);
    expect((await loadLessonsCached(dirs[0], source, cache)).hit).toBe(false); // pruned, made again
    expect(readdirSync(cache).filter((n) => n.endsWith('.json'))).toHaveLength(KEPT_CACHE_FILES);
  });

  it('answers, uncached, where the cache cannot be written or even looked into (not a directory)', async () => {
    writeFileSync(cache, 'not a directory\n');
    const got = await loadLessonsCached(lessons, source, cache);
    expect(got).toEqual({ result: loadLessons(lessons, source), hit: false });
  });

  it('ignores a cache file others may write, or one that is not a cache', async () => {
    await loadLessonsCached(lessons, source, cache);
    const [name] = readdirSync(cache);
    chmodSync(join(cache, name), 0o666);
    expect((await loadLessonsCached(lessons, source, cache)).hit).toBe(false);
    writeFileSync(join(cache, name), '{"key": 1', { mode: 0o600 });
    chmodSync(join(cache, name), 0o600);
    const again = await loadLessonsCached(lessons, source, cache);
    expect(again.hit).toBe(false);
    expect(again.result).toEqual(loadLessons(lessons, source));
  });

  it('works without a cache directory, and finds one under XDG_CACHE_HOME or HOME', async () => {
    expect((await loadLessonsCached(lessons, source, null)).result).toEqual(loadLessons(lessons, source));
    expect(lessonCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/container-lab');
    expect(lessonCacheDir({ HOME: '/home/a' })).toBe('/home/a/.cache/container-lab');
    expect(lessonCacheDir({})).toBeNull();
  });
});
