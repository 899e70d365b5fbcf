// UI test: a step this host cannot do (rootless, no delegated cgroup) is shown as skipped — its mark in the step
// list, and a yellow box with why and what the host would need — and the lesson goes on past it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { createFakeBackend, entry, makeLesson, type FakeSession, type FakeStep } from './fakeSession.js';
import { frame, KEY, press, renderAt, widest } from './harness.js';

afterEach(() => cleanup());

const SKIP = {
  reason: "not root, and no cgroup of the lab's own can be made here: this host has cgroup hybrid (controllers on cgroup v1 hierarchies): without root no cgroup can be made",
  needs: 'a cgroup v2 subtree systemd delegates to your user (user@<uid>.service with cpu, memory and pids), or root: boot with pure cgroup v2',
};

const steps: FakeStep[] = [
  { title: 'Namespaces', slide: '## Namespaces\n\nunshare', action: { name: 'unshare', params: { namespaces: ['pid'] } }, log: [entry('unshare', ['CLONE_NEWPID'])], checks: [{ name: 'ns-differs pid', ok: true, detail: 'differs' }] },
  { title: 'A cgroup', slide: '## A cgroup\n\nRootless without a delegated subtree: skipped.', action: { name: 'join-cgroup', params: {} }, log: [], checks: [], skipped: SKIP },
  { title: 'PID 1', slide: '## PID 1\n\nThe first process.', action: { name: 'start-container-init', params: {} }, log: [], checks: [
    { name: 'init-pid-inside 1', ok: true, detail: 'NSpid: 4001 1' },
    { name: 'in-lab-cgroup', ok: true, skipped: true, detail: `no lab cgroup to read: ${SKIP.reason}` },
  ] },
];

async function open(columns: number, rows: number) {
  const backend = createFakeBackend({ lessons: [makeLesson('by-hand', 6, 'A container by hand', steps)], scripts: { 'by-hand': steps } });
  const r = await renderAt(<App backend={backend} onExit={vi.fn()} />, columns, rows);
  await press(r, KEY.enter, 50);
  return { r, session: backend.sessions[0] as FakeSession };
}

describe('a step skipped on this host', () => {
  for (const [columns, rows] of [[160, 45], [80, 24]] as const) {
    it(`at ${columns}×${rows}: – in the step list, the reason and what the host needs in a box, and → goes on`, async () => {
      const { r, session } = await open(columns, rows);
      await press(r, KEY.right, 50);
      await press(r, KEY.right, 50);
      let f = frame(r);
      expect(f).toContain('– 2. A cgroup skipped here');
      expect(f).toContain('– step 2 skipped on this host');
      expect(f).toMatch(/not root, and no cgroup of the lab's own/); // whole in a box where there is room, cut to a line at 80×24
      expect(f).toMatch(/needs: a cgroup v2 subtree systemd delegates to your user/);
      expect(f).not.toContain('failed');
      expect(f).toContain('6. A container by hand  1/3 steps done, 1 skipped here');
      expect(f).toContain('› · 3. PID 1 ← next');
      expect(widest(r)).toBeLessThanOrEqual(columns);
      // the next step runs; its check on the cgroup is not read, marked – and not counted as passed or failed
      await press(r, KEY.right, 50);
      f = frame(r);
      expect(session.calls).toEqual(['next', 'next', 'next']);
      expect(f).toContain('✓ 3. PID 1');
      expect(f).not.toContain('skipped on this host');
      if (columns === 160) {
        expect(f).toContain('step 3: 1/2 passed, 1 not read here');
        expect(f).toMatch(/– in-lab-cgroup — no lab cgroup to read/);
      }
    });
  }
});
