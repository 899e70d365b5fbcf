// Helpers for driving the app in ink-testing-library: terminal size, keys, waiting, frame checks.
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { stripAnsi, visibleLength } from '../../src/app/textWrap.js';
import { loadLessonScreen } from '../../src/app/lessonScreenLoader.js';
import { splitColumns } from '../../src/app/layout.js';

export const KEY = {
  enter: '\r',
  right: '\u001B[C',
  left: '\u001B[D',
  up: '\u001B[A',
  down: '\u001B[B',
  esc: '\u001B',
};

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Wait `ms`, then let the event loop's check phase run twice: React flushes passive effects
 * (where Ink's useInput subscribes) from setImmediate, and a slow render can make a timer fire
 * first, which would hand the next key to a stale handler.
 */
export async function wait(ms = 30): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  await tick();
  await tick();
}

type Rendered = ReturnType<typeof render>;

/** Give the fake terminal a size and tell Ink and the app, as a real terminal's SIGWINCH would. */
export function resize(r: Rendered, columns: number, rows: number): void {
  Object.defineProperty(r.stdout, 'columns', { value: columns, configurable: true, writable: true });
  Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true, writable: true });
  r.stdout.emit('resize');
}

export async function renderAt(tree: ReactElement, columns: number, rows: number): Promise<Rendered> {
  // the app loads the lesson screen behind the menu; a test that opens a lesson at once waits for that load here
  await loadLessonScreen();
  const r = render(tree);
  resize(r, columns, rows);
  await wait();
  return r;
}

/** The last frame without colour codes. */
export function frame(r: Rendered): string {
  return stripAnsi(r.lastFrame() ?? '');
}

export function lines(r: Rendered): string[] {
  return frame(r).split('\n');
}

export function widest(r: Rendered): number {
  return Math.max(...lines(r).map(visibleLength));
}

export async function press(r: Rendered, key: string, ms = 30): Promise<void> {
  r.stdin.write(key);
  await wait(ms);
}

/** The panels' column of the screen's lines (the whole lines when stacked), each trimmed at its end. */
export function panelColumn(screen: string[], columns: number): string[] {
  const cols = splitColumns(columns);
  const from = cols.twoColumns ? cols.left + cols.gap : 0;
  return screen.map((l) => [...l].slice(from).join('').trimEnd());
}
