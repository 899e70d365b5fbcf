// Takes what is this host's and user's, not the lab's, out of a recording's text: the package's directory and the home directory.
import type { Lesson } from '../types.js';

/** The placeholders a recording shows instead. */
export const PACKAGE_MARK = '<container-lab>';
export const HOME_MARK = '~';

export interface ScrubPaths {
  /** where container-lab is installed (the programs' command lines name it) */
  packageRoot: string;
  /** $HOME, when set */
  home?: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a path starts: not inside a longer one (/proc/<pid>/root, /proc/12/root), but after a colour code. */
const START = '(?:(?<=\\u001b\\[[0-9;]*m)|(?<![\\w.\\-/<>~@]))';

/**
 * A function that replaces each path by its placeholder where it is a whole path or a path's
 * leading part: not inside a longer path (HOME=/root leaves /proc/<pid>/root alone), and not
 * followed by more of a file name (/home/al is not taken out of /home/alice); longer paths first,
 * since the package may sit inside the home directory. "/" and relative values are left alone.
 */
export function scrubber(paths: ScrubPaths): (text: string) => string {
  const rules = [
    { path: paths.packageRoot, mark: PACKAGE_MARK },
    { path: paths.home, mark: HOME_MARK },
  ]
    .filter((r): r is { path: string; mark: string } => typeof r.path === 'string' && r.path.startsWith('/') && r.path.replace(/\/+$/, '') !== '')
    .map((r) => ({ re: new RegExp(`${START}${escape(r.path.replace(/\/+$/, ''))}(?![\\w.-])`, 'g'), mark: r.mark }))
    .sort((a, b) => b.re.source.length - a.re.source.length);
  return (text) => rules.reduce((t, r) => t.replace(r.re, r.mark), text);
}

/** Every string inside a JSON-shaped value, scrubbed. */
export function scrubDeep<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, scrub);
    return out as T;
  }
  return value;
}

/** The lesson as a recording keeps it: its file by name only (where it lay is this host's business). */
export function recordedLesson(lesson: Lesson, scrub: (text: string) => string): Lesson {
  const name = lesson.file.split('/').pop() ?? lesson.file;
  // a replay checks nothing the learner does: its lesson carries no tasks
  return scrubDeep({ ...lesson, file: name, steps: lesson.steps.map((s) => ({ ...s, tasks: [] })) }, scrub);
}
