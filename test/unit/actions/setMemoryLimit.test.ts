// set-memory-limit: the writes it makes under each host's names, through ctx.sys, in the order the kernel takes them.
import { describe, expect, it } from 'vitest';
import { setMemoryLimit } from '../../../src/actions/setMemoryLimit.js';
import { LabError } from '../../../src/errors.js';
import { fakeLab } from '../../support/fakeLab.js';
import { cgroupLab as lab, fakeHost, fileWrites as writes, systemdHost } from '../cgroup/fakeHost.js';
import { HYBRID, V2 } from '../observe/fixtures.js';

const MiB32 = String(32 * 1024 * 1024);

describe('set-memory-limit', () => {
  it('v2 right after join-cgroup (captured systemd host): +memory in the lab\'s parent, then memory.max, then memory.swap.max 0', async () => {
    const sys = systemdHost('s1', 5120);
    const ctx = lab(sys, 's1', 5120);
    const result = await setMemoryLimit.run(ctx, { limit: '32m' });
    expect(writes(sys)).toEqual([
      ['/sys/fs/cgroup/container-lab-s1/cgroup.subtree_control', '+memory'],
      ['/sys/fs/cgroup/container-lab-s1/container/memory.max', MiB32],
      // there only since the write above: asked for after it
      ['/sys/fs/cgroup/container-lab-s1/container/memory.swap.max', '0'],
    ]);
    expect(result.log.map((e) => e.call)).toEqual(['write', 'write', 'write']);
    expect(result.output).toEqual([
      `this host (cgroup v2) names the limit memory.max: ${MiB32} bytes = 32.0 MiB, in /sys/fs/cgroup/container-lab-s1/container`,
      // the captured host has swap accounting but no swap area (its /proc/swaps is the header alone)
      'swap capped too; no swap area is in use here (/proc/swaps), so it matters only once one is',
      'usage now 4.6 MiB: pages the container process touched before it moved in stay charged to its old cgroup',
    ]);
    expect(ctx.builder.requests).toEqual([]);
  });

  it('v2 with the controller already enabled: only the leaf\'s files', async () => {
    const sys = fakeHost(V2);
    await setMemoryLimit.run(lab(sys, 'fixture', 5120), { limit: '32m' });
    expect(writes(sys)).toEqual([
      ['/sys/fs/cgroup/container-lab-fixture/container/memory.max', MiB32],
      ['/sys/fs/cgroup/container-lab-fixture/container/memory.swap.max', '0'],
    ]);
  });

  it('v1 (captured hybrid host): memory.limit_in_bytes in the memory hierarchy', async () => {
    const sys = fakeHost(HYBRID);
    const result = await setMemoryLimit.run(lab(sys, 'fixture', 6771), { limit: '32m' });
    expect(writes(sys)).toEqual([['/sys/fs/cgroup/memory/container-lab-fixture/memory.limit_in_bytes', MiB32]]);
    expect(result.output[0]).toBe(`this host (cgroup v1) names the limit memory.limit_in_bytes: ${MiB32} bytes = 32.0 MiB, in /sys/fs/cgroup/memory/container-lab-fixture`);
  });

  it('v1 with swap accounting: lowering from 64 MiB writes the memory limit before memory+swap', async () => {
    const sys = fakeHost(HYBRID);
    sys.files.set('/sys/fs/cgroup/memory/container-lab-fixture/memory.memsw.limit_in_bytes', '67108864\n');
    await setMemoryLimit.run(lab(sys, 'fixture', 6771), { limit: '32m' });
    expect(writes(sys).map(([p]) => p!.split('/').pop())).toEqual(['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes']);
  });

  it('refuses before join-cgroup, and when not root, without writing', async () => {
    const sys = fakeHost(V2);
    await expect(setMemoryLimit.run(fakeLab({ sys }), { limit: '32m' })).rejects.toThrow(/run the join-cgroup step first|no cgroup of the lab/);
    await expect(setMemoryLimit.run({ ...lab(sys, 'fixture', 5120), rootless: true, cgroupDirs: [] }, { limit: '32m' })).rejects.toBeInstanceOf(LabError);
    expect(writes(sys)).toEqual([]);
  });

  it('needs the lab cgroup', () => {
    expect(setMemoryLimit.needs).toEqual(['lab cgroup']);
  });
});
