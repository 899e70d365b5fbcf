// The session tmpfs is told from other mounts by its own mount-table line: a tmpfs named container-lab at exactly that path.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { isSessionTmpfs, SESSION_FS_SOURCE } from '../../../src/helper/sessionMount.js';

const root = mkdtempSync(join(tmpdir(), 'container-lab-test-mountinfo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function withMountinfo(lines: string[]): void {
  mkdirSync(join(root, 'proc/42'), { recursive: true });
  writeFileSync(join(root, 'proc/42/mountinfo'), lines.join('\n') + '\n');
}

const S = '/run/container-lab/session-AbC123';
const RUN = '26 1 0:25 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=400000k,mode=755';

describe('isSessionTmpfs', () => {
  it('is true for the lab\'s tmpfs at the session dir', () => {
    withMountinfo([RUN, `612 26 0:88 / ${S} rw,nosuid,nodev,relatime shared:301 - tmpfs ${SESSION_FS_SOURCE} rw,mode=700`]);
    expect(isSessionTmpfs(S, root, 42)).toBe(true);
  });

  it('is false for a plain directory on a noexec /run, another tmpfs there, or a mount below it', () => {
    withMountinfo([RUN]);
    expect(isSessionTmpfs(S, root, 42)).toBe(false);
    withMountinfo([RUN, `612 26 0:88 / ${S} rw,relatime - tmpfs tmpfs rw`]);
    expect(isSessionTmpfs(S, root, 42)).toBe(false);
    withMountinfo([RUN, `613 26 0:89 / ${S}/rootfs rw,relatime - tmpfs ${SESSION_FS_SOURCE} rw`]);
    expect(isSessionTmpfs(S, root, 42)).toBe(false);
  });
});
