// The notes viewer's screen: a message → lines, at 80 and 160 columns, fitted to a terminal's rows.
import { describe, expect, it } from 'vitest';
import { notesLines, wallClock, type ViewerState } from '../../../src/presenter/notesView.js';
import { elapsed } from '../../../src/format/units.js';
import type { LessonNotes } from '../../../src/presenter/notesFeed.js';
import { stripAnsi, visibleLength } from '../../../src/app/textWrap.js';

const NOW = new Date(2025, 4, 6, 14, 22, 5).getTime();

const notes = [
  'One flag, one namespace. The namespace panel shows host and container inode side by side;',
  'equal inode = same namespace. The ns-same check on net is there to show that `unshare()`',
  'moves only what you ask for.',
  '',
  '- point at the **uts** row',
  '- then at the net row',
].join('\n');

function message(patch: Partial<LessonNotes> = {}): LessonNotes {
  return {
    kind: 'lesson',
    lesson: { id: 'namespaces', title: 'Namespaces' },
    step: 3,
    steps: 7,
    title: 'uts: a name of its own',
    notes,
    next: 'mnt: a mount table of its own',
    status: 'done',
    checks: [
      { name: 'uts namespace differs from the host', ok: true, detail: 'host 4026531838, container 4026532450' },
      { name: 'net namespace is the host\'s', ok: false, detail: 'host 4026531840, container 4026532451' },
    ],
    error: null,
    running: false,
    activity: null,
    lessonStartedAt: NOW - (12 * 60 + 4) * 1000,
    stepStartedAt: NOW - 92 * 1000,
    ...patch,
  };
}

const attached = (m: LessonNotes): ViewerState => ({ kind: 'attached', message: m });
const plain = (lines: string[]) => lines.map(stripAnsi);

describe('clocks', () => {
  it('elapsed is m:ss, then h:mm:ss; the wall clock is local HH:MM:SS', () => {
    expect(elapsed(0)).toBe('0:00');
    expect(elapsed(92_400)).toBe('1:32');
    expect(elapsed((3600 + 5 * 60 + 7) * 1000)).toBe('1:05:07');
    expect(elapsed(-5)).toBe('0:00');
    expect(wallClock(NOW)).toBe('14:22:05');
  });
});

describe('notesLines', () => {
  it('160 columns: one header line with the lesson, step 3/7 · title and the three clocks; notes; next; checks', () => {
    const lines = notesLines(attached(message()), { now: NOW, width: 160 });
    const text = plain(lines);
    expect(text[0]).toMatch(/^Namespaces · step 3\/7 · uts: a name of its own +lesson 12:04 · step 1:32 · 14:22:05$/);
    expect(visibleLength(lines[0])).toBe(160);
    expect(text.join('\n')).toContain('One flag, one namespace. The namespace panel shows host and container inode side by side;');
    expect(text).toContain('next: mnt: a mount table of its own');
    expect(text).toContain('checks of step 3');
    expect(text).toContain('✓ uts namespace differs from the host — host 4026531838, container 4026532450');
    expect(text).toContain('✗ net namespace is the host\'s — host 4026531840, container 4026532451');
    expect(text.findIndex((l) => l.startsWith('next:'))).toBeGreaterThan(text.findIndex((l) => l.includes('moves only what you ask for')));
    for (const l of lines) expect(visibleLength(l)).toBeLessThanOrEqual(160);
  });

  it('80 columns: the clocks go under the header, everything is wrapped to 80', () => {
    const lines = notesLines(attached(message()), { now: NOW, width: 80 });
    const text = plain(lines);
    expect(text[0]).toBe('Namespaces · step 3/7 · uts: a name of its own');
    expect(text[1]).toBe('lesson 12:04 · step 1:32 · 14:22:05');
    for (const l of lines) expect(visibleLength(l)).toBeLessThanOrEqual(80);
    expect(text.join(' ').replace(/\s+/g, ' ')).toContain('side by side; equal inode = same namespace');
    // a check's detail that does not fit continues under its name, indented
    const long = notesLines(attached(message({ checks: [{ name: 'x'.repeat(30), ok: true, detail: 'y '.repeat(40).trim() }] })), { now: NOW, width: 80 });
    const i = plain(long).findIndex((l) => l.startsWith('✓ xxx'));
    expect(plain(long)[i + 1]).toMatch(/^ {2,}y/);
  });

  it('a terminal\'s rows: the notes are cut with a count, the header, next and checks stay', () => {
    const long = message({ notes: Array.from({ length: 60 }, (_, i) => `line ${i + 1} of the notes`).join('\n\n') });
    const text = plain(notesLines(attached(long), { now: NOW, width: 80, rows: 24 }));
    expect(text).toHaveLength(24);
    expect(text[0]).toContain('step 3/7');
    expect(text.some((l) => /^… \d+ more lines of notes/.test(l))).toBe(true);
    expect(text).toContain('next: mnt: a mount table of its own');
    expect(text[text.length - 1]).toMatch(/^✗ net namespace/);
  });

  it('following a replay: its banner is the first line, cut to the width', () => {
    const replay = 'REPLAY — recorded 2025-05-01 on 6.8.0-45-generic, cgroup v2 (systemd); nothing here runs';
    const wide = plain(notesLines(attached(message({ replay })), { now: NOW, width: 160 }));
    expect(wide[0]).toBe(replay);
    expect(wide[1]).toMatch(/^Namespaces · step 3\/7/);
    const narrow = plain(notesLines(attached(message({ replay })), { now: NOW, width: 80 }));
    expect(narrow[0]).toMatch(/^REPLAY — recorded 2025-05-01/);
    expect(visibleLength(narrow[0])).toBeLessThanOrEqual(80);
    // a live lesson has no such line
    expect(plain(notesLines(attached(message()), { now: NOW, width: 160 }))[0]).toMatch(/^Namespaces · step 3\/7/);
  });

  it('the intro before step 1, a running step, a failed one, the last step', () => {
    const intro = plain(notesLines(attached(message({ step: 0, title: 'Namespaces', notes: 'Linux has eight kinds of namespace.', checks: [], status: null, next: 'uts: a name of its own' })), { now: NOW, width: 80 }));
    expect(intro[0]).toMatch(/^Namespaces · intro, 7 steps +lesson 12:04/);
    expect(intro).toContain('Linux has eight kinds of namespace.');
    expect(intro.some((l) => l.startsWith('checks'))).toBe(false);
    const running = plain(notesLines(attached(message({ running: true, status: 'running', checks: [], activity: null })), { now: NOW, width: 80 }));
    expect(running).toContain('⋯ the step runs');
    const rebuilding = plain(notesLines(attached(message({ running: true, activity: 'rebuilding from the start' })), { now: NOW, width: 80 }));
    expect(rebuilding).toContain('⋯ rebuilding from the start');
    const failed = plain(notesLines(attached(message({ status: 'failed', error: 'mount of tmpfs failed: EPERM (Operation not permitted)' })), { now: NOW, width: 80 }));
    expect(failed).toContain('✗ mount of tmpfs failed: EPERM (Operation not permitted)');
    const last = plain(notesLines(attached(message({ step: 7, next: null, notes: '' })), { now: NOW, width: 80 }));
    expect(last).toContain('next: — this is the last step');
    expect(last).toContain('(no notes for this step)');
  });

  it('without an app, on the menu, after a lesson, after the app: each says where it is', () => {
    const waiting = plain(notesLines({ kind: 'waiting', root: '/run/user/1000/container-lab-1000' }, { now: NOW, width: 80, keys: true })).join(' ');
    expect(waiting).toBe('waiting for container-lab to open a lesson in this user\'s session (looking in /run/user/1000/container-lab-1000; q quits)');
    expect(plain(notesLines({ kind: 'waiting', root: '/r' }, { now: NOW, width: 80 })).join(' ')).not.toContain('q quits');
    const menu = plain(notesLines({ kind: 'attached', message: { kind: 'menu', ended: null } }, { now: NOW, width: 160 }));
    expect(menu[0]).toMatch(/^container-lab has no lesson open \(it shows its menu, or opens a lesson\)/);
    const ended = plain(notesLines({ kind: 'attached', message: { kind: 'menu', ended: { id: 'namespaces', title: 'Namespaces' } } }, { now: NOW, width: 80 }));
    expect(ended[0]).toBe('the lesson "Namespaces" ended.');
    const exited = plain(notesLines({ kind: 'exited', ended: 'Namespaces', root: '/r' }, { now: NOW, width: 80 }));
    expect(exited[0]).toBe('container-lab exited (the lesson "Namespaces" ended).');
    expect(exited.join(' ')).toContain('waiting for container-lab to open a lesson');
    const root = plain(notesLines({ kind: 'root-only', pid: 4242 }, { now: NOW, width: 80 })).join(' ');
    expect(root).toBe('container-lab runs as root here (PID 4242), and its notes are root\'s: run sudo container-lab notes');
  });
});
