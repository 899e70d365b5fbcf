// The lab's edits to runc spec's config.json and the lines the panel shows, on the spec runc 1.1.5 wrote.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { labSpec, specSummary } from '../../../src/chain/runcSpec.js';
import { runcArgv, runcLayout } from '../../../src/chain/runcLayout.js';

const spec = () => JSON.parse(readFileSync(join(__dirname, '../../fixtures/chain/runc/spec-1.1.5.json'), 'utf8'));
const opts = { args: ['/bin/sleep', '3600'], hostname: 'container-lab', cgroupsPath: '/container-lab-abc-runc/cl-abc' };

describe('labSpec', () => {
  it('changes the program, the terminal, the hostname and the cgroup, nothing else', () => {
    const before = spec();
    const after = labSpec(before, opts);
    expect(after.process.args).toEqual(['/bin/sleep', '3600']);
    expect(after.process.terminal).toBe(false);
    expect(after.hostname).toBe('container-lab');
    expect(after.linux.cgroupsPath).toBe('/container-lab-abc-runc/cl-abc');
    expect(after.root).toEqual({ path: 'rootfs', readonly: true });
    // the rest is runc's: namespaces (network kept: loopback only), mounts, masked paths
    expect(after.linux.namespaces).toEqual(before.linux.namespaces);
    expect(after.linux.namespaces.map((n: { type: string }) => n.type)).toContain('network');
    expect(after.mounts).toEqual(before.mounts);
    expect(after.linux.maskedPaths).toEqual(before.linux.maskedPaths);
    expect(after.process.capabilities).toEqual(before.process.capabilities);
  });

  it('leaves its input alone', () => {
    const before = spec();
    const copy = structuredClone(before);
    labSpec(before, opts);
    expect(before).toEqual(copy);
  });

  it('refuses what is not a runc spec', () => {
    expect(() => labSpec({}, opts)).toThrow(/not what runc spec writes/);
    expect(() => labSpec(null as any, opts)).toThrow(/not what runc spec writes/);
  });
});

describe('specSummary', () => {
  it('says the key parts in a few short lines', () => {
    const lines = specSummary(labSpec(spec(), opts));
    expect(lines).toEqual([
      'process.args: ["/bin/sleep","3600"]',
      'process.terminal: false  user: 0:0',
      'root: "rootfs" (read-only)',
      'hostname: "container-lab"',
      'namespaces: pid, network, ipc, uts, mount',
      'mounts: 7 (/proc /dev /dev/pts /dev/shm /dev/mqueue /sys /sys/fs/cgroup)',
      'cgroupsPath: /container-lab-abc-runc/cl-abc',
    ]);
    expect(lines.length).toBeLessThanOrEqual(12);
  });

  it('cuts long lines to 100 characters', () => {
    const lines = specSummary(labSpec(spec(), { ...opts, args: ['/bin/sh', '-c', 'x'.repeat(200)] }));
    expect(Math.max(...lines.map((l) => l.length))).toBe(100);
    expect(lines[0].endsWith('…')).toBe(true);
  });
});

describe('runcLayout', () => {
  it('keeps everything under the session dir, with lab names', () => {
    const l = runcLayout('/run/container-lab/session-AbC', 'abc', 'cgroupfs');
    expect(l).toMatchObject({
      root: '/run/container-lab/session-AbC/runc',
      id: 'cl-abc',
      bundle: '/run/container-lab/session-AbC/bundle',
      rootfs: '/run/container-lab/session-AbC/bundle/rootfs',
      config: '/run/container-lab/session-AbC/bundle/config.json',
      cgroupParent: 'container-lab-abc-runc',
      cgroupsPath: '/container-lab-abc-runc/cl-abc',
    });
    expect(runcArgv('/usr/sbin/runc', l, ['state', l.id])).toEqual(['/usr/sbin/runc', '--root', l.root, 'state', 'cl-abc']);
  });
});
