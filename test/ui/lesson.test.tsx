// UI tests for the lesson screen: slide and steps, keys driving the session, panels following it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { App } from '../../src/app/App.js';
import { NoticeLine } from '../../src/app/NoticeLine.js';
import { createFakeBackend, EPERM_MOUNT_LINE, FakeSession, namespaceSteps, UNSHARE_LINE } from './fakeSession.js';
import { frame, KEY, lines, press, renderAt, wait, widest } from './harness.js';

afterEach(() => cleanup());

/** The app at `columns`×`rows` with the namespaces lesson open. */
async function openLesson(columns = 160, rows = 45, failMount = false) {
  const onExit = vi.fn();
  const backend = createFakeBackend({ scripts: { namespaces: namespaceSteps(failMount) } });
  const r = await renderAt(<App backend={backend} onExit={onExit} />, columns, rows);
  await press(r, KEY.down);
  await press(r, KEY.enter, 50);
  const session = backend.sessions[0] as FakeSession;
  expect(session).toBeDefined();
  return { r, session, onExit, backend };
}

describe('lesson screen', () => {
  it('shows the introduction, the steps and what the next step will do', async () => {
    const { r } = await openLesson();
    const f = frame(r);
    expect(f).toContain('2. Namespaces  0/3 steps done');
    expect(f).toContain('Namespaces — introduction');
    expect(f).toContain('A container starts as an ordinary process.');
    expect(f).toContain('› · 1. New namespaces ← next');
    expect(f).toContain('· 2. Its own hostname');
    expect(f).toContain('· 3. A private tmpfs');
    expect(f).toContain('next: unshare namespaces=uts,pid,mnt');
    expect(f).toContain('no calls yet');
    // before any step the builder shares every namespace with the host
    expect(f).toMatch(/uts\s+4026531838\s+4026531838\s+= host's/);
  });

  it('→ runs the next step and the panels follow the kernel state', async () => {
    const { r, session } = await openLesson();
    await press(r, KEY.right, 50);
    expect(session.calls).toEqual(['next']);
    const f = frame(r);
    expect(f).toContain('1/3 steps done');
    expect(f).toContain('Step 1/3 · New namespaces');
    expect(f).toContain('moves the builder into new UTS, PID and mount namespaces.');
    expect(f).toContain('✓ 1. New namespaces');
    expect(f).toContain('› · 2. Its own hostname ← next');
    expect(f).toContain('next: sethostname name=lab');
    // syscall log, strace style
    expect(f).toContain(UNSHARE_LINE);
    expect(f).toContain('mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL) = 0');
    // namespaces: the differences are marked
    expect(f).toMatch(/uts\s+4026531838\s+4026532450\s+≠ own/);
    expect(f).toMatch(/net\s+4026531840\s+4026531840\s+= host's/);
    expect(f).toContain('3 own, 5 shared with the host');
    // processes: host PID next to the PID inside
    expect(f).toMatch(/48213\s+1\s+container PID 1\s+\/bin\/sh/);
    expect(f).toMatch(/48190\s+–\s+builder/);
    // mounts now private
    expect(f).toMatch(/ext4\s+private\s+\//);
    // checks of the step
    expect(f).toContain('✓ uts namespace differs from the host — host 4026531838, container 4026532450');
  });

  it('Enter runs the next step too, and the output of the step is shown', async () => {
    const { r, session } = await openLesson();
    await press(r, KEY.enter, 50);
    await press(r, KEY.enter, 50);
    expect(session.calls).toEqual(['next', 'next']);
    const f = frame(r);
    expect(f).toContain('Step 2/3 · Its own hostname');
    expect(f).toContain('sethostname("lab", 3) = 0');
    expect(f).toMatch(/Output step 2/);
    expect(f).toContain('✓ hostname inside is "lab" — read: lab');
  });

  it('a mount the host does not have is marked as added', async () => {
    const { r } = await openLesson();
    await press(r, KEY.right, 40);
    await press(r, KEY.right, 40);
    await press(r, KEY.right, 50);
    const f = frame(r);
    expect(f).toContain('3/3 steps done');
    expect(f).toMatch(/\+ tmpfs\s+private\s+\/run\/container-lab\/s-1a2b\/scratch/);
    expect(f).toContain('8 in the container, 1 not on the host');
    expect(f).toContain('next: end of the lesson');
  });

  it('← calls back and r calls reset', async () => {
    const { r, session } = await openLesson();
    await press(r, KEY.right, 40);
    await press(r, KEY.right, 40);
    await press(r, KEY.left, 50);
    expect(session.calls).toEqual(['next', 'next', 'back']);
    expect(frame(r)).toContain('1/3 steps done');
    expect(frame(r)).toContain('Step 1/3 · New namespaces');
    await press(r, 'r', 50);
    expect(session.calls).toEqual(['next', 'next', 'back', 'reset']);
    expect(frame(r)).toContain('0/3 steps done');
    expect(frame(r)).toContain('no calls yet');
  });

  it('? shows the help and ? closes it again; the lesson is still there', async () => {
    const { r, session } = await openLesson();
    await press(r, '?');
    expect(frame(r)).toContain('container-lab help');
    expect(frame(r)).toContain('undo the last step');
    // keys go to the help, not the lesson
    await press(r, KEY.right);
    expect(session.calls).toEqual([]);
    await press(r, '?');
    expect(frame(r)).not.toContain('container-lab help');
    expect(frame(r)).toContain('Namespaces — introduction');
    // q closes the help without quitting
    await press(r, '?');
    await press(r, 'q');
    expect(frame(r)).toContain('Namespaces — introduction');
    expect(session.calls).toEqual([]);
  });

  it('a failing step shows as failed with its error, hint, the failed call and check', async () => {
    const { r } = await openLesson(160, 45, true);
    await press(r, KEY.right, 40);
    await press(r, KEY.right, 40);
    await press(r, KEY.right, 50);
    const f = frame(r);
    expect(f).toContain('2/3 steps done');
    expect(f).toContain('✗ 3. A private tmpfs ← retry');
    expect(f).toContain('✗ step 3 failed');
    expect(f).toContain('mount of tmpfs failed: EPERM (Operation not permitted)');
    expect(f).toContain('hint: run the lab as root: sudo npx container-lab');
    // the refused call, fitted to the panel: errno kept, strerror text dropped for the path
    expect(f).toContain('mount("tmpfs", "/run/container-lab/s-1a2b/scratch", "tmpfs", 0, "size=4m") = -1 EPERM');
    // a failed check's detail wraps instead of being cut off
    expect(f).toContain('✗ tmpfs invisible on the host — no tmpfs at /run/container-lab/s-1a2b/scratch');
    expect(f).toContain('step 3: 0/1 passed');
  });

  it('the failed call is shown in full when the panel is wide enough', async () => {
    const { r } = await openLesson(220, 50, true);
    for (let i = 0; i < 3; i++) await press(r, KEY.right, 40);
    expect(frame(r)).toContain(EPERM_MOUNT_LINE);
  });

  it('shows a session error prominently', async () => {
    const { r, session } = await openLesson();
    session.set({ error: 'the helper process exited (signal SIGKILL)' });
    await wait();
    const f = frame(r);
    expect(f).toContain('✗ error');
    expect(f).toContain('the helper process exited (signal SIGKILL)');
    expect(f).toContain('r starts the lesson again');
  });

  it('shows what the session is doing', async () => {
    const { r, session } = await openLesson();
    session.set({ busy: true, activity: 'rebuilding from the start' });
    await wait();
    expect(frame(r)).toContain('⟳ rebuilding from the start');
    expect(frame(r)).toContain('(busy)');
  });

  it('ignores step keys while busy, but q still quits', async () => {
    const { r, session, onExit } = await openLesson();
    session.hold = true;
    await press(r, KEY.right);
    expect(frame(r)).toContain('▶ 1. New namespaces running…');
    expect(frame(r)).toContain('running: unshare namespaces=uts,pid,mnt');
    await press(r, KEY.right);
    await press(r, KEY.left);
    await press(r, 'r');
    expect(session.calls).toEqual(['next']);
    session.release();
    await wait();
    expect(frame(r)).toContain('✓ 1. New namespaces');
    session.hold = true;
    await press(r, KEY.right);
    await press(r, 'q', 50);
    expect(session.calls).toEqual(['next', 'next', 'close']);
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('a rejected session call is caught and shown', async () => {
    const { r, session } = await openLesson();
    session.rejectNext.next = new Error('helper is gone (EPIPE)');
    await press(r, KEY.right, 50);
    expect(frame(r)).toContain('✗ next step: helper is gone (EPIPE)');
    // and the next key works again
    await press(r, KEY.right, 50);
    expect(frame(r)).not.toContain('helper is gone');
    expect(frame(r)).toContain('1/3 steps done');
  });

  it('s hands the terminal to a shell: only a one-line notice while it runs', async () => {
    const { r, session } = await openLesson();
    await press(r, 's', 50);
    expect(session.calls).toEqual(['shell']);
    expect(lines(r).filter((l) => l.trim().length > 0)).toEqual([
      'shell inside the container — type exit to come back',
    ]);
    // keys are not read while the shell has the terminal
    await press(r, KEY.right);
    expect(session.calls).toEqual(['shell']);
    session.endShell();
    await wait(50);
    expect(frame(r)).toContain('Namespaces — introduction');
    await press(r, KEY.right, 50);
    expect(session.calls).toEqual(['shell', 'next']);
  });

  it('s with no container yet: a calm info line above the keys, not an error box, and the keys still work', async () => {
    for (const [columns, rows] of [[80, 24], [160, 45]]) {
      const { r, session } = await openLesson(columns, rows);
      session.shellRefusal = 'No container yet: the shell opens once it has its own mount and PID namespaces — step 1 “New namespaces” makes them.';
      await press(r, 's', 50);
      expect(session.calls).toEqual(['shell']);
      const shown = lines(r);
      const at = shown.findIndex((l) => l.startsWith('ℹ No container yet'));
      expect(at, frame(r)).toBeGreaterThan(0);
      // right above the key line, wrapped to the width, with nothing of an error box
      expect(shown.slice(at).join(' ')).toMatch(/step 1 “New\s+namespaces” makes them\./);
      expect(shown.filter((l) => l.trim()).at(-1)).toMatch(/^→/);
      const f = frame(r);
      expect(f).not.toMatch(/✗|hint:|r starts the lesson again|╭/);
      expect(widest(r)).toBeLessThanOrEqual(columns);
      // its lines are drawn cyan, not the errors' red
      const drawn = NoticeLine({ message: session.getState().notice!, width: columns }).props.children as ReactElement<{ color?: string }>[];
      expect(drawn.map((line) => line.props.color)).toEqual(drawn.map(() => 'cyan'));
      // and the keys still work
      await press(r, KEY.right, 50);
      expect(session.calls).toEqual(['shell', 'next']);
      cleanup();
    }
  });

  it('q closes the session and exits', async () => {
    const { r, session, onExit } = await openLesson();
    await press(r, 'q', 50);
    expect(session.calls).toEqual(['close']);
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('Ctrl+C closes the session and exits like q', async () => {
    const { r, session, onExit } = await openLesson();
    await press(r, '\u0003', 50);
    expect(session.calls).toEqual(['close']);
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('resumeSession starts on that lesson as it stands, without opening another', async () => {
    const backend = createFakeBackend();
    const session = new FakeSession(backend.lessons[1], namespaceSteps());
    await session.next();
    const r = await renderAt(<App backend={backend} resumeSession={session} initialLessonId="processes" onExit={() => {}} />, 160, 45);
    expect(backend.opened).toEqual([]);
    expect(frame(r)).toContain('2. Namespaces  1/3 steps done');
    expect(frame(r)).toContain(UNSHARE_LINE);
    await press(r, KEY.right, 50);
    expect(session.calls).toEqual(['next', 'next']);
    expect(frame(r)).toContain('2/3 steps done');
  });

  it('q still exits when close fails', async () => {
    const { r, session, onExit } = await openLesson();
    session.rejectNext.close = new Error('umount: target is busy');
    await press(r, 'q', 50);
    expect(session.calls).toEqual(['close']);
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('Esc closes the session and returns to the menu', async () => {
    const { r, session, onExit } = await openLesson();
    await press(r, KEY.esc, 80);
    expect(session.calls).toEqual(['close']);
    expect(onExit).not.toHaveBeenCalled();
    const f = frame(r);
    expect(f).toContain('1. A container is just processes');
    expect(f).toContain('2. Namespaces');
    // and a lesson opens again from there
    await press(r, KEY.enter, 50);
    expect(frame(r)).toMatch(/0\/3 steps done/);
  });
});
