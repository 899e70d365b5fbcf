// A step the helper answers as skipped on this host: the session marks it skipped without reading its checks and goes
// on; run --no-tui prints why and what the host needs, --json carries both and the count, and the run still passes.
import { describe, expect, it } from 'vitest';
import { LiveSession } from '../../../src/lesson/liveSession.js';
import { runTranscript, type TranscriptStyle } from '../../../src/lesson/transcript.js';
import type { HelperClient } from '../../../src/helper/client.js';
import type { CheckSpec } from '../../../src/types.js';
import { baseSnapshot, entry, makeLesson, type FakeStep } from '../../ui/fakeSession.js';

const plain: TranscriptStyle = { ok: (t) => t, bad: (t) => t, dim: (t) => t, bold: (t) => t };
const SKIP = { reason: 'not root, and no cgroup of the lab\'s own can be made here: cgroup hybrid', needs: 'a cgroup v2 subtree systemd delegates to your user, or root' };
const step = (title: string, name: string): FakeStep => ({ title, slide: `## ${title}`, action: { name, params: {} }, log: [], checks: [] });
const lesson = makeLesson('by-hand', 6, 'A container by hand', [step('Namespaces', 'unshare'), step('A cgroup', 'join-cgroup'), step('Limits', 'set-memory-limit')]);
lesson.steps.forEach((s) => (s.checks = [{ kind: 'x', params: {}, line: 1 }]));

/** The helper's answers: join-cgroup and set-memory-limit skip themselves, as rootless on a v1 host. */
function fakeHelper(skips = ['join-cgroup', 'set-memory-limit']) {
  const read: string[] = [];
  const helper = {
    alive: true,
    open: async () => {},
    onProgress: () => {},
    closeLesson: async () => {},
    snapshot: async () => baseSnapshot(),
    liveSnapshot: async () => baseSnapshot(),
    act: async (name: string) => (skips.includes(name) ? { log: [], output: [], ms: 1, skipped: SKIP } : { log: [entry('unshare', ['CLONE_NEWPID'])], output: [], ms: 1 }),
    checks: async (specs: CheckSpec[]) => {
      read.push(...specs.map((s) => s.kind));
      return specs.map((s) => ({ name: s.kind, ok: true, detail: 'read' }));
    },
  };
  return { helper: helper as unknown as HelperClient, read };
}

describe('a step skipped on this host', () => {
  it('the session marks it skipped with the reason, reads none of its checks, and moves on', async () => {
    const { helper, read } = fakeHelper();
    const session = await LiveSession.open(helper, lesson, { sampleMs: 0, tasks: false });
    expect(await session.runStep(0)).toBe(true);
    expect(await session.runStep(1)).toBe(true);
    const s = session.getState();
    expect(s.steps[1]).toEqual({ status: 'skipped', log: [], output: [], checks: [], ms: 1, skipped: SKIP });
    expect(s.cursor).toBe(2);
    expect(read).toEqual(['x']); // step 1's only
    await session.close();
  });

  it('run --no-tui: a – line with why and what it needs; the run passes and says how many were skipped', async () => {
    const out: string[] = [];
    expect(await runTranscript(fakeHelper().helper, lesson, false, plain, (l) => out.push(l))).toBe(true);
    const at = out.findIndex((l) => l.startsWith('– step 2/3: A cgroup'));
    expect(at).toBeGreaterThan(0);
    expect(out.slice(at + 1, at + 3)).toEqual([`    skipped here: ${SKIP.reason}`, `    needs: ${SKIP.needs}`]);
    expect(out.at(-1)).toBe('1 step passed, 2 skipped on this host');
  });

  it('--json: the step line has status skipped and both texts; the result counts them', async () => {
    const out: string[] = [];
    await runTranscript(fakeHelper(['join-cgroup']).helper, lesson, true, plain, (l) => out.push(l));
    const lines = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.title === 'A cgroup')).toMatchObject({ type: 'step', status: 'skipped', skipped: SKIP, checks: [] });
    expect(lines.at(-1)).toEqual({ type: 'result', ok: true, skipped: 1 });
    const none: string[] = [];
    await runTranscript(fakeHelper([]).helper, lesson, true, plain, (l) => none.push(l));
    expect(JSON.parse(none.at(-1)!)).toEqual({ type: 'result', ok: true });
  });
});
