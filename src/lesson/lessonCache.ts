// The lessons of a directory from a cache when no file changed: `list` and start-up skip the parser and its vocabulary.
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../sys/packageRoot.js';
import type { LessonSource } from '../types.js';
import type { LoadResult } from './loadLessons.js';

/** $XDG_CACHE_HOME/container-lab, else ~/.cache/container-lab; null when there is no home. */
export function lessonCacheDir(env = process.env): string | null {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : null);
  return base ? join(base, 'container-lab') : null;
}

function stamp(path: string): string {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}:${st.mode}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'error';
  }
}

/**
 * What the result depends on: this build of the lab (its version, and when this very file was
 * written: a rebuild or a reinstall changes it), where the lessons come from, and every lesson
 * file's identity, size and times. ctime cannot be set back by a program, so an edit always shows.
 */
function cacheKey(dir: string, source: LessonSource | 'default'): string | null {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return null;
  }
  const files = names.map((n) => `${n}=${stamp(join(dir, n))}`);
  return JSON.stringify([packageVersion(), stamp(fileURLToPath(import.meta.url)), resolve(dir), source, stamp(dir), files]);
}

/** A short name for a directory's cache file (FNV-1a; the key inside is compared in full). */
function fileName(dir: string, source: LessonSource | 'default'): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify([resolve(dir), source])) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `lessons-${h.toString(16)}.json`;
}

/**
 * Only a file of our own user that nobody else can write counts: root must never take lessons
 * (trusted ones run steps as root) from a file another user could have put there.
 */
function readOwn(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== process.geteuid?.() || (st.mode & 0o022) !== 0) return null;
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

export interface CachedLoad {
  result: LoadResult;
  /** true when the result came from the cache */
  hit: boolean;
}

/** loadLessons(dir, source), read from `cacheDir` when nothing it depends on changed, and saved there when something did. */
export async function loadLessonsCached(dir: string, source?: LessonSource, cacheDir = lessonCacheDir()): Promise<CachedLoad> {
  const key = cacheDir ? cacheKey(dir, source ?? 'default') : null;
  const file = cacheDir && join(cacheDir, fileName(dir, source ?? 'default'));
  if (file && key) {
    try {
      const text = readOwn(file);
      const cached = text === null ? null : (JSON.parse(text) as { key?: unknown; result?: LoadResult });
      if (cached?.key === key && cached.result) return { result: cached.result, hit: true };
    } catch {
      // unreadable or not ours: loaded afresh below
    }
  }
  const { loadLessons } = await import('./loadLessons.js');
  const result = loadLessons(dir, source);
  if (cacheDir && file && key) save(cacheDir, file, JSON.stringify({ key, result }));
  return { result, hit: false };
}

/** How many lesson directories keep a cache file: the package's and a few of an author's own. */
export const KEPT_CACHE_FILES = 8;

/** Written whole under a temporary name, then renamed: a reader sees the old file or the new one. */
function save(cacheDir: string, file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
    pruneOldest(cacheDir);
  } catch {
    // a cache that cannot be written only costs the next start its time: a directory another
    // user made (a `sudo` run that kept HOME), or not a directory at all
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written there either
    }
  }
}

/**
 * One file per lesson directory ever opened, each a directory that may be long gone (`--lessons`
 * on a checkout, a temporary one): past KEPT_CACHE_FILES the least recently written go.
 */
function pruneOldest(cacheDir: string): void {
  const files = readdirSync(cacheDir)
    .filter((n) => /^lessons-[0-9a-f]+\.json$/.test(n))
    .map((n) => ({ path: join(cacheDir, n), mtime: statSync(join(cacheDir, n)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { path } of files.slice(KEPT_CACHE_FILES)) rmSync(path, { force: true });
}
