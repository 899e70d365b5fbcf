// parseMountinfo and diffMounts on captured and hand-written mount tables.
import { describe, expect, it } from 'vitest';
import { diffMounts, parseMountinfo, unescapeOctal } from '../../../src/observe/parse/mountinfo.js';
import { fixture, H, HYBRID, V, V2 } from './fixtures.js';

const hostHybrid = () => parseMountinfo(fixture(HYBRID, `proc/${H.shell}/mountinfo`));
const containerHybrid = () => parseMountinfo(fixture(HYBRID, `proc/${H.container}/mountinfo`));

describe('parseMountinfo', () => {
  it('parses every captured host line', () => {
    const m = hostHybrid();
    expect(m).toHaveLength(20);
    expect(m.find((e) => e.mountPoint === '/')).toEqual({
      mountId: 26,
      parentId: 1,
      majorMinor: '254:0',
      root: '/',
      mountPoint: '/',
      mountOptions: 'rw,relatime',
      optionalFields: [],
      fsType: 'ext4',
      source: '/dev/vda',
      superOptions: 'rw,discard,resv_strict,resuid=65534,resgid=65534',
    });
    const systemd = m.find((e) => e.mountId === 39)!;
    expect([systemd.fsType, systemd.mountPoint, systemd.superOptions]).toEqual(['cgroup', '/sys/fs/cgroup/systemd', 'rw,name=systemd']);
  });

  it('unescapes a mount point with a space and reads shared/master tags (captured)', () => {
    const m = containerHybrid();
    const dir = m.find((e) => e.mountId === 63)!;
    expect(dir.mountPoint).toBe('/tmp/tmp.HcpUb7D1qx/lab dir');
    expect(dir.optionalFields).toEqual(['shared:1']);
    expect([dir.fsType, dir.source, dir.majorMinor]).toEqual(['tmpfs', 'lab-tmpfs', '0:39']);
    expect(dir.superOptions).toBe('rw,size=1024k,uid=65534,gid=65534');
    const bind = m.find((e) => e.mountId === 64)!;
    expect(bind.mountPoint).toBe('/tmp/tmp.HcpUb7D1qx/lab bind');
    expect(bind.optionalFields).toEqual(['master:1']);
  });

  it('reads several optional fields and the cgroup2 mount (v2 fixture)', () => {
    const m = parseMountinfo(fixture(V2, `proc/${V.shell}/mountinfo`));
    const cg = m.find((e) => e.fsType === 'cgroup2')!;
    expect([cg.mountPoint, cg.optionalFields, cg.superOptions]).toEqual(['/sys/fs/cgroup', ['shared:9'], 'rw,nsdelegate,memory_recursiveprot']);
    expect(m.find((e) => e.mountId === 91)!.mountPoint).toBe('/media/alice/USB DISK');
    const line = '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:2 propagate_from:3 unbindable - ext3 /dev/root rw,errors=continue';
    expect(parseMountinfo(line)[0].optionalFields).toEqual(['master:1', 'shared:2', 'propagate_from:3', 'unbindable']);
  });

  it('unescapes tab, newline and backslash in root, mount point, source and type', () => {
    const [e] = parseMountinfo('50 26 0:40 /a\\011b /mnt/x\\012y\\134z rw - fuse.my\\040fs src\\040dev rw,k=v\\054w\n');
    expect(e.root).toBe('/a\tb');
    expect(e.mountPoint).toBe('/mnt/x\ny\\z');
    expect(e.fsType).toBe('fuse.my fs');
    expect(e.source).toBe('src dev');
    // options stay as printed: unescaping "\054" would add a comma that is not a separator
    expect(e.superOptions).toBe('rw,k=v\\054w');
    expect(unescapeOctal('\\040\\134')).toBe(' \\');
  });

  it('keeps an empty source', () => {
    const [e] = parseMountinfo('50 26 0:40 / /mnt rw,relatime - tmpfs  rw');
    expect([e.fsType, e.source, e.superOptions]).toEqual(['tmpfs', '', 'rw']);
  });

  it('throws on lines that are not proc(5) format', () => {
    expect(() => parseMountinfo('21 26 0:20 / /proc rw,relatime proc proc rw')).toThrow(/line 1/);
    expect(() => parseMountinfo('21 26 0:20 / /proc rw - proc proc rw extra')).toThrow(/line 1/);
    expect(() => parseMountinfo('x 26 0:20 / /proc rw - proc proc rw')).toThrow(/not in proc\(5\) format/);
    expect(parseMountinfo('')).toEqual([]);
  });
});

describe('diffMounts', () => {
  it('marks the container\'s new /proc and its tmpfs mounts, nothing else (captured)', () => {
    const d = diffMounts(hostHybrid(), containerHybrid());
    expect(d).toHaveLength(23);
    expect(d.filter((e) => e.added).map((e) => e.mountId)).toEqual([62, 63, 64]);
    // the new /proc sits on the same path with the same type and source as the host's: only
    // major:minor tells it apart
    const procs = d.filter((e) => e.mountPoint === '/proc');
    expect(procs.map((e) => [e.majorMinor, e.added])).toEqual([['0:20', false], ['0:38', true]]);
  });

  it('marks a fresh /proc as added even once the host\'s /proc under it is gone', () => {
    // as after a container unmounts the inherited /proc: same point, type and source, new instance
    const d = diffMounts(hostHybrid(), containerHybrid().filter((e) => e.mountId !== 44));
    expect(d.filter((e) => e.mountPoint === '/proc').map((e) => [e.mountId, e.added])).toEqual([[62, true]]);
  });

  it('keeps stacked mounts on one point apart (captured /dev/shm twice)', () => {
    const d = diffMounts(hostHybrid(), containerHybrid());
    expect(d.filter((e) => e.mountPoint === '/dev/shm').map((e) => e.added)).toEqual([false, false]);
  });

  it('counts duplicates: a second identical mount is added', () => {
    const host = hostHybrid();
    const root = host.find((e) => e.mountPoint === '/')!;
    const d = diffMounts(host, [root, { ...root, mountId: 999 }]);
    expect(d.map((e) => e.added)).toEqual([false, true]);
  });

  it('marks a bind of another directory of the same filesystem as added', () => {
    const host = hostHybrid();
    const root = host.find((e) => e.mountPoint === '/')!;
    const d = diffMounts(host, [{ ...root, root: '/srv/rootfs', mountId: 1000 }]);
    expect(d[0].added).toBe(true);
  });

  it('only /proc is new in the v2 container', () => {
    const d = diffMounts(parseMountinfo(fixture(V2, `proc/${V.shell}/mountinfo`)), parseMountinfo(fixture(V2, `proc/${V.container}/mountinfo`)));
    expect(d.filter((e) => e.added).map((e) => [e.mountId, e.mountPoint])).toEqual([[424, '/proc']]);
  });
});
