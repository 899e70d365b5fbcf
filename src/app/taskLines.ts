// The task box's lines for the step on screen: each task's statement, where to work, its checks live, hints, and the keys — pure, for the layout to measure.
import chalk from 'chalk';
import type { TaskPlace, TaskSpec, TaskState } from '../types.js';
import { renderMarkdown } from './markdown.js';
import { wrapPlain } from './textWrap.js';
import { elapsed, elapsedMinutes } from '../format/units.js';

/** How the learner meets tasks: the lesson file is the same in all three. */
export type TaskMode = 'workshop' | 'study' | 'present';

export const PLACE_WORDS: Record<TaskPlace, string> = {
  shell: 's: a shell in the container',
  'second-terminal': 'container-lab shell in a second terminal',
  host: 'a shell on the host (as root)',
};

export interface TaskOnScreen {
  spec: TaskSpec;
  state: TaskState;
}

/** The tasks of step `step`, with their specs, in file order. */
export function tasksOnScreen(specs: readonly TaskSpec[], states: readonly TaskState[], step: number): TaskOnScreen[] {
  return states
    .filter((t) => t.step === step)
    .flatMap((state) => {
      const spec = specs.find((s) => s.id === state.id);
      return spec ? [{ spec, state }] : [];
    });
}

/** The task the keys h and n act on: the first open one on screen. */
export function activeTask(tasks: readonly TaskOnScreen[]): TaskOnScreen | null {
  return tasks.find((t) => t.state.status === 'open') ?? null;
}

function markdownLines(md: string, width: number): string[] {
  return renderMarkdown(md, width).replace(/\n+$/, '').split('\n');
}

/** A line of the box; `spare`: the statement's, left out first when the box has less room than lines. */
export interface TaskLine {
  text: string;
  spare?: boolean;
}

/**
 * Every line of the box. Short of room, the statement gives way (TaskBox), never the checks, the
 * hints asked for or the keys: they are what changes while the learner works.
 */
export function taskLines(tasks: readonly TaskOnScreen[], width: number, now: number, mode: TaskMode): TaskLine[] {
  const w = Math.max(20, width);
  const lines: TaskLine[] = [];
  const keep = (...texts: string[]): void => void lines.push(...texts.map((text) => ({ text })));
  const spare = (...texts: string[]): void => void lines.push(...texts.map((text) => ({ text, spare: true })));
  const active = activeTask(tasks);
  tasks.forEach(({ spec, state }, i) => {
    const label = `Task ${i + 1}/${tasks.length} · ${spec.title}`;
    if (state.status === 'solved') {
      const spent = state.openedAt === null || state.solvedAt === null ? null : elapsed(state.solvedAt - state.openedAt);
      const hints = state.hintsShown > 0 ? `, ${state.hintsShown} hint${state.hintsShown === 1 ? '' : 's'}` : '';
      for (const l of wrapPlain(`✓ ${label} — solved${spent ? ` in ${spent}` : ''}${hints}`, w, '  ')) keep(chalk.green.bold(l));
      const saw = state.checks.map((c) => c.detail).join(' · ');
      for (const l of wrapPlain(`the kernel showed: ${saw}`, w - 2)) keep(chalk.green(`  ${l}`));
      return;
    }
    if (state.status === 'skipped') {
      keep(chalk.dim(`– ${label} — skipped`));
      return;
    }
    if (state.status === 'waiting') {
      keep(chalk.dim(`○ ${label} — opens once this step has run`));
      return;
    }
    const head = `▶ ${label}`;
    // to the minute: a clock in seconds redrew the whole screen every second while a task was open
    const time = state.openedAt === null ? '' : `⏱ ${elapsedMinutes(now - state.openedAt)}`;
    const gap = Math.max(1, w - head.length - time.length);
    keep(chalk.cyan.bold(head) + ' '.repeat(gap) + chalk.dim(time));
    if (state !== active?.state) return; // one open task at a time is spelled out
    spare(...markdownLines(spec.text, w));
    for (const l of wrapPlain(`work in: ${spec.use.map((p) => PLACE_WORDS[p]).join(' · ')}`, w, '  ')) spare(chalk.dim(l));
    if (state.checks.some((c) => c.skipped)) {
      for (const l of wrapPlain('– this task cannot be done on this host: the check marked – says why (n skips it)', w, '  ')) keep(chalk.yellow(l));
    }
    for (const c of state.checks) {
      const mark = c.skipped ? chalk.yellow('–') : c.ok ? chalk.green('✓') : chalk.red('✗');
      for (const [k, l] of wrapPlain(`${c.name}: ${c.detail}`, w - 2).entries()) keep(k === 0 ? `${mark} ${l}` : `  ${l}`);
    }
    if (state.checks.length === 0) keep(chalk.dim('… reading the checks'));
    spec.hints.slice(0, state.hintsShown).forEach((h, k) => {
      const lines = markdownLines(h, w - 9);
      lines.forEach((l, j) => keep(j === 0 ? `${chalk.yellow(`hint ${k + 1}/${spec.hints.length}:`)} ${l}` : `         ${l}`));
    });
    const keys: string[] = [];
    if (state.hintsShown < spec.hints.length) keys.push(`h ${state.hintsShown === 0 ? 'a hint' : 'the next hint'} (${spec.hints.length - state.hintsShown} left)`);
    keys.push(mode === 'study' ? 'n skips the task (→ waits for it)' : 'n skips it · → goes on');
    for (const l of wrapPlain(keys.join(' · '), w, '  ')) keep(chalk.dim(l));
  });
  return lines;
}

/**
 * The lines that fit `height`: all of them, or the statement cut from its end with one line
 * saying how much is left out and how to see it.
 */
export function fitTaskLines(lines: readonly TaskLine[], height: number): string[] {
  if (lines.length <= height) return lines.map((l) => l.text);
  const spareCount = lines.filter((l) => l.spare).length;
  const cut = Math.min(spareCount, lines.length - height + 1);
  if (cut <= 0 || spareCount === 0) return lines.slice(0, Math.max(0, height)).map((l) => l.text);
  // the last `cut` spare lines go, replaced by one line where they were
  let toDrop = cut;
  const kept: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i];
    if (l.spare && toDrop > 0) {
      toDrop--;
      if (toDrop === 0) kept.push(chalk.dim(`… ${cut} more line${cut === 1 ? '' : 's'} of the task (p, or a taller terminal)`));
      continue;
    }
    kept.push(l.text);
  }
  return kept.reverse().slice(0, Math.max(0, height));
}
