// mount-invisible-on-host and mounts-private: the container's mountinfo against the helper's.
import { describe, expect, it } from 'vitest';
import { mountInvisibleOnHost, mountsPrivate } from '../../../src/checks/mountChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { mountLine } from './procFiles.js';

const TMPFS = '/run/container-lab/session-test/tmpfs';

function lab(container: string[], host: string[]) {
  return fakeLab({ sys: new RecordingSys({ files: { '/proc/1000/mountinfo': container.join('\n') + '\n', '/proc/self/mountinfo': host.join('\n') + '\n' } }) });
}

describe('mount-invisible-on-host', () => {
  it('passes for a tmpfs under the session dir that only the container has', () => {
    const ctx = lab([mountLine(20, '/', 'ext4'), mountLine(30, TMPFS, 'tmpfs')], [mountLine(20, '/', 'ext4', 'shared:1')]);
    expect(mountInvisibleOnHost.run(ctx, { fstype: 'tmpfs' })).toEqual({ ok: true, detail: `tmpfs on ${TMPFS}: in the container's mountinfo, not in the host's` });
  });

  it('leaves out the session dir itself, a tmpfs both tables have (the state of the session)', () => {
    const dir = mountLine(25, '/run/container-lab/session-test', 'tmpfs');
    const ctx = lab([dir, mountLine(30, TMPFS, 'tmpfs')], [dir]);
    expect(mountInvisibleOnHost.run(ctx, { fstype: 'tmpfs' }).ok).toBe(true);
    expect(mountInvisibleOnHost.run(lab([dir], [dir]), { fstype: 'tmpfs' }).ok).toBe(false);
  });

  it('fails when the host sees it too, or when there is none inside', () => {
    const leaked = lab([mountLine(30, TMPFS, 'tmpfs')], [mountLine(31, TMPFS, 'tmpfs')]);
    expect(mountInvisibleOnHost.run(leaked, { fstype: 'tmpfs' })).toEqual({ ok: false, detail: `the host sees it too: ${TMPFS}` });
    const none = lab([mountLine(20, '/', 'ext4')], []);
    expect(mountInvisibleOnHost.run(none, { fstype: 'tmpfs' }).detail).toBe('no tmpfs mount under /run/container-lab/session-test inside the container');
  });
});

describe('mounts-private', () => {
  it('passes with no shared:N field; fails naming a shared mount', () => {
    expect(mountsPrivate.run(lab([mountLine(20, '/', 'ext4'), mountLine(21, '/boot', 'vfat', 'master:3')], []), {}).ok).toBe(true);
    expect(mountsPrivate.run(lab([mountLine(20, '/', 'ext4', 'shared:1')], []), {}))
      .toEqual({ ok: false, detail: '1 mount(s) still shared, e.g. / (shared:1)' });
  });
});
