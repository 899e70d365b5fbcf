// mount-hidden-from-host: the named mount in the container's mountinfo, its device on no line of the host's.
import { describe, expect, it } from 'vitest';
import { mountHiddenFromHost } from '../../../src/checks/hiddenMountChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { mountLine } from './procFiles.js';

/** A mountinfo line with a source of its own: "<id> 1 0:<dev> / <point> rw - tmpfs <source> rw". */
const named = (id: number, dev: number, point: string, source: string) => `${id} 1 0:${dev} / ${point} rw,relatime - tmpfs ${source} rw`;

function lab(container: string[], host: string[]) {
  return fakeLab({ sys: new RecordingSys({ files: { '/proc/1000/mountinfo': container.join('\n') + '\n', '/proc/self/mountinfo': host.join('\n') + '\n' } }) });
}

describe('mount-hidden-from-host', () => {
  it('passes for a mount named so in the container whose device the host has nowhere', () => {
    const ctx = lab([mountLine(500, '/', 'ext4'), named(640, 57, '/mnt', 'mine')], [mountLine(20, '/', 'ext4')]);
    expect(mountHiddenFromHost.run(ctx, { source: 'mine' })).toEqual({ ok: true, detail: 'tmpfs mine on /mnt: mount ID 640, device 0:57 in the container\'s mountinfo; no mount of device 0:57 in the host\'s' });
  });

  it('fails when no mount has that source, saying how many it read', () => {
    const ctx = lab([mountLine(500, '/', 'ext4'), named(640, 57, '/mnt', 'other')], []);
    expect(mountHiddenFromHost.run(ctx, { source: 'mine' })).toEqual({ ok: false, detail: 'the container\'s mount table has no mount with source mine (it has 2 mounts)' });
  });

  it('fails when the host has the same filesystem: a propagated copy has a mount ID of its own, but the same device', () => {
    const ctx = lab([named(640, 57, '/mnt', 'mine')], [mountLine(20, '/', 'ext4'), named(641, 57, '/mnt', 'mine')]);
    expect(mountHiddenFromHost.run(ctx, { source: 'mine' })).toEqual({ ok: false, detail: 'the host sees it too: tmpfs mine (device 0:57) is on /mnt in the host\'s mountinfo (mount ID 641)' });
  });
});
