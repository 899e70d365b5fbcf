// parseStatus on real and hand-written /proc/<pid>/status files.
import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../../src/observe/parse/status.js';
import { fixture, H, HYBRID, V, V2 } from './fixtures.js';

describe('parseStatus', () => {
  it('reads a host process (captured)', () => {
    expect(parseStatus(fixture(HYBRID, `proc/${H.shell}/status`))).toEqual({
      name: 'bash',
      pid: 6758,
      ppid: 6756,
      nsPids: [6758],
      uid: [0, 0, 0, 0],
      gid: [0, 0, 0, 0],
      state: 'S (sleeping)',
    });
  });

  it('reads PID 1 and kthreadd with PPid 0', () => {
    const init = parseStatus(fixture(HYBRID, 'proc/1/status'));
    expect([init.name, init.pid, init.ppid, init.nsPids]).toEqual(['process_api', 1, 0, [1]]);
    const kthreadd = parseStatus(fixture(HYBRID, 'proc/2/status'));
    expect([kthreadd.name, kthreadd.ppid]).toEqual(['kthreadd', 0]);
  });

  it('reads both PIDs of a process in a new PID namespace (captured)', () => {
    const s = parseStatus(fixture(HYBRID, `proc/${H.container}/status`));
    expect(s.nsPids).toEqual([6771, 1]);
    expect(s.pid).toBe(6771);
    expect(s.ppid).toBe(H.unshare);
    expect(s.uid).toEqual([65534, 65534, 65534, 65534]);
    expect(s.name).toBe('sleep');
  });

  it('reads a process two levels into its PID namespace (v2 fixture)', () => {
    const s = parseStatus(fixture(V2, `proc/${V.inside}/status`));
    expect(s.nsPids).toEqual([4302, 2]);
    expect(s.uid[0]).toBe(100032);
    expect(s.gid[3]).toBe(100032);
  });

  it('falls back to [pid] without an NSpid line (kernels before 4.1)', () => {
    const text = fixture(HYBRID, `proc/${H.container}/status`).replace(/^NSpid:.*\n/m, '');
    expect(parseStatus(text).nsPids).toEqual([6771]);
  });

  it('keeps spaces in names and undoes the kernel\'s \\n and \\\\ escapes', () => {
    const base = fixture(HYBRID, `proc/${H.shell}/status`);
    expect(parseStatus(base.replace('Name:\tbash', 'Name:\tmy worker')).name).toBe('my worker');
    expect(parseStatus(base.replace('Name:\tbash', 'Name:\ta\\nb\\\\c')).name).toBe('a\nb\\c');
  });

  it('throws on a missing or malformed required line', () => {
    const base = fixture(HYBRID, `proc/${H.shell}/status`);
    expect(() => parseStatus(base.replace(/^PPid:.*\n/m, ''))).toThrow(/PPid/);
    expect(() => parseStatus(base.replace(/^Uid:.*$/m, 'Uid:\t0\t0'))).toThrow(/Uid/);
    expect(() => parseStatus('')).toThrow(/Pid|Name/);
  });
});
