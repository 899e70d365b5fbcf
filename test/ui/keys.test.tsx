// The key table: every key the help shows does what it says where it says, and no key does anything the help does not show.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import type { Key } from 'ink';
import { App } from '../../src/app/App.js';
import { HELP_KEY_WIDTH, HelpOverlay } from '../../src/app/HelpOverlay.js';
import { BINDINGS, bindingFor, type Command, type KeyScope, type Press } from '../../src/app/keys.js';
import type { LabBackend, LessonSession } from '../../src/types.js';
import { createFakeBackend, FakeSession, makeLesson, namespaceSteps } from './fakeSession.js';
import { frame, KEY, press, renderAt, wait } from './harness.js';

afterEach(() => cleanup());

/** What the terminal sends for a press. */
function sequence(p: Press): string {
  if ('input' in p) return p.ctrl ? String.fromCharCode(p.input.charCodeAt(0) - 96) : p.input;
  const named: Record<typeof p.key, string> = {
    upArrow: KEY.up,
    downArrow: KEY.down,
    leftArrow: KEY.left,
    rightArrow: KEY.right,
    pageUp: '\u001B[5~',
    pageDown: '\u001B[6~',
    home: '\u001B[H',
    end: '\u001B[F',
    return: KEY.enter,
    escape: KEY.esc,
    backspace: '\b',
    delete: '\u007F',
  };
  return named[p.key];
}

/** Ink's view of a press, for the table alone. */
function inkKey(p: Press): [string, Key] {
  const key = {} as Record<string, boolean>;
  if ('key' in p) key[p.key] = true;
  else if (p.ctrl) key.ctrl = true;
  return ['input' in p ? p.input : '', key as unknown as Key];
}

const SCOPES: KeyScope[] = ['menu', 'lesson', 'help', 'opening', 'prompt', 'blank', 'zoomed'];
/** Where a key not in the table does nothing (typing a step number, or on the blank screen, every key does something). */
const QUIET: KeyScope[] = ['menu', 'lesson', 'help', 'opening', 'zoomed'];
/** The help's bindings: those with a line of their own. */
const HELPED = BINDINGS.filter((b): b is (typeof BINDINGS)[number] & { help: NonNullable<(typeof BINDINGS)[number]['help']> } => b.help !== undefined);
/** Presses an earlier binding of the same scope takes on purpose: in the help, q closes the help. */
const SHADOWED = new Set(['help quit q']);
const label = (p: Press): string => ('input' in p ? `${p.ctrl ? 'Ctrl+' : ''}${p.input}` : p.key);

/** Every (binding, scope, press) the table promises. */
const promised = BINDINGS.flatMap((b) =>
  b.scopes.flatMap((scope) => b.presses.filter((p) => !SHADOWED.has(`${scope} ${b.command} ${label(p)}`)).map((p) => ({ b, scope, p }))),
);

describe('the key table', () => {
  it('sends every press of a binding to that binding in each of its scopes', () => {
    for (const { b, scope, p } of promised) expect(bindingFor(scope, ...inkKey(p))?.command, `${scope} ${label(p)}`).toBe(b.command);
    expect(bindingFor('help', ...inkKey({ input: 'q' }))?.command).toBe('closeHelp');
  });

  it('the help lists every binding, and every key line of the help is a binding', () => {
    const text = render(<HelpOverlay columns={100} rows={60} />).lastFrame() ?? '';
    const lines = text.split('\n').map((l) => l.replace(/^[│\s]+|[│\s]+$/g, ''));
    for (const b of HELPED) {
      const line = b.command === 'closeHelp' ? `${b.help.keys} ${b.help.does}` : `${b.help.keys.padEnd(HELP_KEY_WIDTH)}${b.help.does}`;
      expect(lines, b.command).toContain(line);
    }
    const keyLines = lines.slice(lines.indexOf('Keys in the menu'), lines.findIndex((l) => l.startsWith('Reading the panels')));
    const shown = keyLines.filter((l) => !l.startsWith('Keys in'));
    expect(shown).toEqual(HELPED.filter((b) => b.command !== 'closeHelp').map((b) => `${b.help.keys.padEnd(HELP_KEY_WIDTH)}${b.help.does}`));
  });

  it('at 80×24 the help in a lesson has every lesson key and the legend; from the menu, every key', () => {
    const inLesson = render(<HelpOverlay columns={80} rows={24} inLesson />).lastFrame() ?? '';
    for (const b of HELPED.filter((x) => x.scopes.includes('lesson'))) expect(inLesson, b.command).toContain(b.help.does);
    expect(inLesson).not.toContain('Keys in the menu');
    expect(inLesson).toContain('a call the kernel refused, in red');
    expect(inLesson.split('\n').length).toBeLessThanOrEqual(23);
    const fromMenu = render(<HelpOverlay columns={80} rows={24} />).lastFrame() ?? '';
    for (const b of HELPED) expect(fromMenu, b.command).toContain(b.help.does);
    expect(fromMenu.split('\n').length).toBeLessThanOrEqual(23);
    for (const text of [inLesson, fromMenu]) for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('keys not bound while typing a step number cancel it; on the blank screen any key brings it back', () => {
    expect(bindingFor('prompt', 'x', {} as Key)?.command).toBe('jumpCancel');
    expect(bindingFor('prompt', 'q', {} as Key)?.command).toBe('jumpCancel');
    expect(bindingFor('blank', 'q', {} as Key)?.command).toBe('unblank');
    expect(bindingFor('blank', '', { rightArrow: true } as Key)?.command).toBe('unblank');
    expect(bindingFor('blank', 'c', { ctrl: true } as Key)?.command).toBe('quit');
    // zoomed, the lesson's keys work and Esc leaves the zoom instead of the lesson
    expect(bindingFor('zoomed', '', { rightArrow: true } as Key)?.command).toBe('next');
    expect(bindingFor('zoomed', '', { escape: true } as Key)?.command).toBe('unzoom');
  });
});

/** An introduction longer than any screen, so the scroll keys have somewhere to go. */
const LONG_INTRO = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of the introduction.`).join('\n\n');

/** Nine lessons, so 1-9 each open one; opening can be held to see the wait. */
function backend(holdOpen = false) {
  const base = createFakeBackend({
    lessons: Array.from({ length: 9 }, (_, i) => makeLesson(`l${i + 1}`, i + 1, `Lesson ${i + 1}`, namespaceSteps(), { intro: LONG_INTRO })),
  });
  let release = (): void => {};
  const open = base.open;
  const b: LabBackend & typeof base = {
    ...base,
    open: async (lesson) => {
      if (holdOpen) await new Promise<void>((r) => (release = r));
      return open(lesson);
    },
  };
  return { b, base, release: () => release() };
}

/** The app with its screen in `scope`, 120×40 unless a narrow screen is asked for (where the panels fold). */
async function appIn(scope: KeyScope, narrow = false) {
  const onExit = vi.fn();
  const { b, base, release } = backend(scope === 'opening');
  const r = await renderAt(<App backend={b} onExit={onExit} />, narrow ? 80 : 120, narrow ? 24 : 40);
  if (scope !== 'menu' && scope !== 'help') await press(r, KEY.enter, 50);
  if (scope === 'help') await press(r, '?');
  const into: Partial<Record<KeyScope, string>> = { prompt: 'g', blank: 'b', zoomed: 'z' };
  if (into[scope]) await press(r, into[scope]);
  const session = (): FakeSession | undefined => base.sessions[0] as FakeSession | undefined;
  return { r, onExit, base, release, session };
}

type App = Awaited<ReturnType<typeof appIn>>;

/** The slide's position line: the first line shown. */
function firstShown(r: App['r']): number {
  const m = /lines (\d+)–\d+ of \d+/.exec(frame(r));
  expect(m, frame(r)).not.toBeNull();
  return Number(m![1]);
}

/** Keys that only show on a narrow screen. */
const NARROW = new Set<Command>(['panels']);

/** What each binding does, scope by scope, checked after its key is pressed. */
const EFFECTS: Record<Command, Partial<Record<KeyScope, (app: App, p: Press) => Promise<void>>>> = {
  choose: { menu: async ({ r }) => expect(frame(r)).not.toMatch(/❯ 1\. Lesson 1/) },
  open: {
    menu: async ({ base }, p) => expect(base.opened).toEqual(['input' in p ? `l${p.input}` : 'l1']),
  },
  next: { lesson: async ({ session }) => expect(session()?.calls).toEqual(['next']) },
  back: { lesson: async ({ session }) => expect(session()?.calls).toEqual(['back']) },
  reset: { lesson: async ({ session }) => expect(session()?.calls).toEqual(['reset']) },
  shell: { lesson: async ({ session }) => expect(session()?.calls).toEqual(['shell']) },
  // these lessons have no tasks: h and n ask nothing of the session (test/ui/tasks.test.tsx has them with tasks)
  hint: { lesson: async ({ session }) => expect(session()?.calls).toEqual([]) },
  skipTask: { lesson: async ({ session }) => expect(session()?.calls).toEqual([]) },
  scroll: {
    lesson: async ({ r, session }, p) => {
      if (p.move === 'down' || p.move === 'pageDown' || p.move === 'bottom') expect(firstShown(r)).toBeGreaterThan(1);
      else {
        // from the top these do nothing: from the end they go back up
        expect(firstShown(r)).toBe(1);
        await press(r, '\u001B[F');
        const end = firstShown(r);
        await press(r, sequence(p));
        expect(firstShown(r)).toBeLessThan(end);
      }
      expect(session()?.calls).toEqual([]);
    },
  },
  slides: {
    lesson: async ({ r, session }, p) => {
      if (p.move === 'prev') {
        expect(frame(r)).toContain('Lesson 1 — introduction');
        await press(r, ']');
        await press(r, ']');
        await press(r, sequence(p));
      }
      expect(frame(r)).toContain('Step 1/3 · New namespaces · not run yet');
      expect(session()?.calls).toEqual([]);
    },
  },
  panels: {
    lesson: async ({ r }) => {
      expect(frame(r)).toContain('Panels (p opens)');
      expect(frame(r)).not.toContain('Syscalls');
      await press(r, 'p');
      expect(frame(r)).toContain('Syscalls');
    },
  },
  jump: { lesson: async ({ r, session }) => {
    expect(frame(r)).toContain('go to step: _  (1–3, Enter goes, Esc cancels)');
    expect(session()?.calls).toEqual([]);
  } },
  jumpDigit: { prompt: async ({ r }, p) => expect(frame(r)).toContain(`go to step: ${'input' in p ? p.input : ''}_`) },
  jumpErase: {
    prompt: async ({ r }, p) => {
      await press(r, '2');
      expect(frame(r)).toContain('go to step: 2_');
      await press(r, sequence(p));
      expect(frame(r)).toContain('go to step: _');
    },
  },
  jumpGo: {
    prompt: async ({ r, session }) => {
      // nothing typed: Enter only closes the prompt
      expect(frame(r)).not.toContain('go to step');
      expect(session()?.calls).toEqual([]);
      await press(r, 'g');
      await press(r, '2');
      await press(r, KEY.enter, 50);
      expect(session()?.calls).toEqual(['jump']);
      expect(frame(r)).toContain('Step 2/3 · Its own hostname');
    },
  },
  jumpCancel: {
    prompt: async ({ r, session }) => {
      expect(frame(r)).not.toContain('go to step');
      expect(frame(r)).toContain('Lesson 1 — introduction');
      expect(session()?.calls).toEqual([]);
    },
  },
  zoom: { lesson: async ({ r }) => expect(frame(r)).toMatch(/Processes \[zoomed · z next · Esc ends\]/) },
  unzoom: {
    zoomed: async ({ r, session }) => {
      expect(frame(r)).not.toContain('[zoomed');
      expect(frame(r)).toContain('Lesson 1 — introduction');
      expect(session()?.calls).toEqual([]);
    },
  },
  blank: { lesson: async ({ r }) => expect(frame(r).trim().split('\n')).toEqual([expect.stringMatching(/^1\. Lesson 1 {2}0\/3 steps done$/)]) },
  unblank: {
    blank: async ({ r, session }) => {
      expect(frame(r)).toContain('Lesson 1 — introduction');
      expect(session()?.calls).toEqual([]);
    },
  },
  help: Object.fromEntries(['menu', 'lesson', 'opening'].map((s) => [s, async ({ r }: App) => expect(frame(r)).toContain('container-lab help')])),
  menu: {
    lesson: async ({ r, session }) => {
      await wait(50);
      expect(session()?.calls).toEqual(['close']);
      expect(frame(r)).toContain('1. Lesson 1');
    },
    opening: async ({ r, release, session }) => {
      expect(frame(r)).toContain('Cancelling…');
      release();
      await wait(50);
      expect(session()?.calls).toEqual(['close']);
      expect(frame(r)).toContain('1. Lesson 1');
    },
  },
  closeHelp: { help: async ({ r }) => expect(frame(r)).not.toContain('container-lab help') },
  quit: Object.fromEntries(
    SCOPES.map((s) => [
      s,
      async ({ onExit, release, session }: App) => {
        release();
        await wait(50);
        if (s !== 'menu' && s !== 'help') expect(session()?.calls).toEqual(['close']);
        expect(onExit).toHaveBeenCalledTimes(1);
      },
    ]),
  ),
};

describe('every key the help shows is handled', () => {
  for (const { b, scope, p } of promised) {
    it(`${scope}: ${label(p)} → ${b.command}`, async () => {
      const effect = EFFECTS[b.command][scope];
      expect(effect, `no check for ${b.command} in ${scope}`).toBeDefined();
      const app = await appIn(scope, NARROW.has(b.command));
      await press(app.r, sequence(p), 50);
      await effect!(app, p);
    });
  }
});

describe('and no other key does anything', () => {
  const candidates: Press[] = [
    ...'abcdefghijklmnopqrstuvwxyz0123456789?QRS -_/'.split('').map((input) => ({ input })),
    ...(['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageUp', 'pageDown', 'home', 'end', 'return', 'escape'] as const).map((key) => ({ key })),
  ];
  for (const scope of QUIET) {
    it(`in ${scope === 'opening' ? 'the wait while a lesson opens' : `the ${scope}`}`, async () => {
      const app = await appIn(scope);
      const unbound = candidates.filter((p) => bindingFor(scope, ...inkKey(p)) === null);
      // a spinner turns and counts on its own: its mark and seconds are not the keys' doing
      const still = (f: string) => f.replace(/[⟳⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g, '⟳').replace(/ \d+\.\d s\b/g, '');
      const before = still(frame(app.r));
      const calls = (s: LessonSession | undefined) => (s as FakeSession | undefined)?.calls.length ?? 0;
      for (const p of unbound) await press(app.r, sequence(p), 5);
      await wait(50);
      expect(still(frame(app.r))).toBe(before);
      expect(calls(app.session())).toBe(0);
      expect(app.base.opened.length).toBe(scope === 'lesson' || scope === 'zoomed' ? 1 : 0);
      expect(app.onExit).not.toHaveBeenCalled();
    });
  }
});
