// What `container-lab notes` shows, as lines for a width: the header with the clocks, the notes, the next step, the checks.
import chalk from 'chalk';
import type { LessonNotes, NotesMessage } from './notesFeed.js';
import { renderMarkdown } from '../app/markdown.js';
import { wrapPlain } from '../app/textWrap.js';
import { elapsed } from '../format/units.js';

/** Where the viewer is: waiting for an app, attached to one, or left by one. */
export type ViewerState =
  | { kind: 'waiting'; root: string }
  /** the only app running is root's, whose state directory this user cannot enter */
  | { kind: 'root-only'; pid: number }
  | { kind: 'attached'; message: NotesMessage }
  /** the app hung up (quit or crashed); `ended` is the lesson that was open, if one was */
  | { kind: 'exited'; ended: string | null; root: string };

/** The local wall clock, `HH:MM:SS`. */
export function wallClock(now: number): string {
  const d = new Date(now);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

const chars = (s: string) => [...s].length;

function cut(text: string, width: number): string {
  const c = [...text];
  return c.length <= width ? text : c.slice(0, Math.max(0, width - 1)).join('') + '…';
}

/** The header: lesson and step on the left, the clocks on the right (below, when both do not fit). */
function header(m: LessonNotes, now: number, width: number): string[] {
  const where = m.step === 0 ? `${m.lesson.title} · intro, ${m.steps} steps` : `${m.lesson.title} · step ${m.step}/${m.steps} · ${m.title}`;
  const clocks = `lesson ${elapsed(now - m.lessonStartedAt)} · step ${elapsed(now - m.stepStartedAt)} · ${wallClock(now)}`;
  if (chars(where) + 2 + chars(clocks) <= width) {
    return [chalk.bold(where) + ' '.repeat(width - chars(where) - chars(clocks)) + chalk.dim(clocks)];
  }
  return [chalk.bold(cut(where, width)), chalk.dim(cut(clocks, width))];
}

function wrapped(text: string, width: number, indent = ''): string[] {
  return wrapPlain(text, width, indent);
}

/** The state of the step on screen: running, failed, or nothing to say. */
function stepState(m: LessonNotes, width: number): string[] {
  const out: string[] = [];
  if (m.running) out.push(...wrapped(`⋯ ${m.activity ?? 'the step runs'}`, width, '  ').map((l) => chalk.yellow(l)));
  if (m.error) out.push(...wrapped(`✗ ${m.error}`, width, '  ').map((l) => chalk.red(l)));
  if (m.skipped) out.push(...wrapped(`– skipped on this host: ${m.skipped.reason} (needs: ${m.skipped.needs})`, width, '  ').map((l) => chalk.yellow(l)));
  return out;
}

function checkLines(m: LessonNotes, width: number): string[] {
  if (m.step === 0) return [];
  if (m.checks.length === 0) return m.running ? [] : [chalk.dim(`step ${m.step} has no check results`)];
  const out = [chalk.bold(`checks of step ${m.step}`)];
  for (const c of m.checks) {
    const mark = c.skipped ? chalk.yellow('–') : c.ok ? chalk.green('✓') : chalk.red('✗');
    const [first, ...rest] = wrapped(`${c.name}${c.detail ? ` — ${c.detail}` : ''}`, width - 2, '  ');
    out.push(`${mark} ${first}`, ...rest.map((l) => `  ${l}`));
  }
  return out;
}

/**
 * The lesson's screen, fitted to `rows` when given: the header and the step's state on top,
 * "next" and the checks at the bottom, the notes between (cut with a count of what is left).
 */
function lessonLines(m: LessonNotes, now: number, width: number, rows: number | null): string[] {
  const top = [...(m.replay ? [chalk.bold.inverse.yellow(cut(m.replay, width))] : []), ...header(m, now, width), chalk.dim('─'.repeat(width)), ...stepState(m, width)];
  const next = wrapped(m.next === null ? 'next: — this is the last step' : `next: ${m.next}`, width, '      ');
  const bottom = ['', chalk.cyan(next[0]), ...next.slice(1).map((l) => chalk.cyan(l))];
  const checks = checkLines(m, width);
  if (checks.length > 0) bottom.push('', ...checks);
  const notes = m.notes.trim() === '' ? [chalk.dim(m.step === 0 ? '(the lesson has no intro)' : '(no notes for this step)')] : renderMarkdown(m.notes, width).split('\n');
  if (rows === null || top.length + notes.length + bottom.length <= rows) return [...top, ...notes, ...bottom];
  const room = rows - top.length - bottom.length - 1;
  if (room < 1) return [...top, ...notes, ...bottom].slice(0, rows);
  return [...top, ...notes.slice(0, room), chalk.dim(`… ${notes.length - room} more lines of notes (a taller terminal shows them)`), ...bottom];
}

function said(text: string, width: number): string[] {
  return wrapped(text, width);
}

export interface ViewOptions {
  now: number;
  width: number;
  /** a terminal's height: the notes are cut to fit; null (piped) shows everything */
  rows?: number | null;
  /** the viewer reads keys (a terminal): the waiting line says q quits */
  keys?: boolean;
}

/** Every line the viewer shows for `state`. */
export function notesLines(state: ViewerState, { now, width, rows = null, keys = false }: ViewOptions): string[] {
  const w = Math.max(20, Math.floor(width));
  const waiting = (root: string) => `waiting for container-lab to open a lesson in this user's session (looking in ${root}${keys ? '; q quits' : ''})`;
  switch (state.kind) {
    case 'waiting':
      return said(waiting(state.root), w);
    case 'root-only':
      return said(`container-lab runs as root here (PID ${state.pid}), and its notes are root's: run sudo container-lab notes`, w);
    case 'exited':
      return [
        ...said(`container-lab exited${state.ended ? ` (the lesson "${state.ended}" ended)` : ''}.`, w),
        '',
        ...said(waiting(state.root), w),
      ];
    case 'attached': {
      const m = state.message;
      if (m.kind === 'lesson') return lessonLines(m, now, w, rows);
      const where = `container-lab has no lesson open (it shows its menu, or opens a lesson): the notes follow the next lesson it opens (${wallClock(now)})`;
      return m.ended ? [...said(`the lesson "${m.ended.title}" ended.`, w), '', ...said(where, w)] : said(where, w);
    }
  }
}
