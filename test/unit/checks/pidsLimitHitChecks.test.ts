// pids-limit-hit: a limit below the lesson's, a refused fork in pids.events, and the limit full in pids.current; v2 and v1 files.
import { describe, expect, it } from 'vitest';
import { pidsLimitHit } from '../../../src/checks/pidsLimitHitChecks.js';
import { cgroupLab, fakeHost } from '../cgroup/fakeHost.js';
import { HYBRID, V2 } from '../observe/fixtures.js';

const LEAF = '/sys/fs/cgroup/container-lab-fixture/container';

/** The v2 fixture host with the container process (5120) in the lab's leaf, these pids files written there. */
function v2(files: Record<string, string>) {
  const sys = fakeHost(V2);
  sys.files.set('/proc/5120/cgroup', '0::/container-lab-fixture/container\n');
  for (const [name, text] of Object.entries(files)) sys.files.set(`${LEAF}/${name}`, `${text}\n`);
  return cgroupLab(sys, 'fixture', 5120);
}

describe('pids-limit-hit', () => {
  const cases: Array<[string, Record<string, string>, { ok: boolean; detail: string }]> = [
    ['no limit', {}, { ok: false, detail: 'pids.max is max, expected a limit of your own below 24' }],
    ['the lesson\'s own limit', { 'pids.max': '24' }, { ok: false, detail: 'pids.max is 24, expected a limit of your own below 24' }],
    ['a lower limit, no fork refused', { 'pids.max': '16', 'pids.current': '12' }, { ok: false, detail: 'pids.max is 16, but pids.events counts no refused fork yet (max 0)' }],
    // a fork loop that hit it and reaped its processes leaves the limit with room
    ['a refusal, but room left now', { 'pids.max': '16', 'pids.current': '12', 'pids.events': 'max 1' },
      { ok: false, detail: 'pids.events counts 1 refused fork, but pids.current 12 is below pids.max 16: the limit is not full now' }],
    ['a refusal, the limit full', { 'pids.max': '16', 'pids.current': '16', 'pids.events': 'max 1' }, { ok: true, detail: 'pids.max 16, pids.current 16: full; pids.events max 1' }],
    // the kernel kills nothing when pids.max goes below what runs: it only refuses forks
    ['a limit below what runs', { 'pids.max': '4', 'pids.current': '11', 'pids.events': 'max 2' }, { ok: true, detail: 'pids.max 4, pids.current 11: full; pids.events max 2' }],
  ];
  for (const [name, files, expected] of cases) {
    it(`v2, ${name}`, () => expect(pidsLimitHit.run(v2(files), { below: 24 })).toEqual(expected));
  }

  it('v1: the pids hierarchy\'s files', () => {
    const sys = fakeHost(HYBRID);
    const ctx = cgroupLab(sys, 'fixture', 6771);
    const dir = '/sys/fs/cgroup/pids/container-lab-fixture';
    sys.files.set(`${dir}/pids.max`, '20\n');
    sys.files.set(`${dir}/pids.current`, '20\n');
    sys.files.set(`${dir}/pids.events`, 'max 3\n');
    expect(pidsLimitHit.run(ctx, { below: 24 }).ok).toBe(true);
    expect(pidsLimitHit.run(ctx, { below: 20 }).detail).toBe('pids.max is 20, expected a limit of your own below 20');
  });
});
