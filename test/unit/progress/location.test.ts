// Where the progress file is: XDG_STATE_HOME, else ~/.local/state; under sudo the invoking user's home from the passwd file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { homeFromPasswd, progressLocation } from '../../../src/progress/location.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'progress-location-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nann:x:1000:1000:Ann,,,:/home/ann:/bin/bash\n';

describe('homeFromPasswd', () => {
  it('finds a user by name, not by a prefix of it', () => {
    expect(homeFromPasswd(PASSWD, 'ann')).toBe('/home/ann');
    expect(homeFromPasswd(PASSWD, 'an')).toBeNull();
    expect(homeFromPasswd('broken line\n', 'broken line')).toBeNull();
  });
});

describe('progressLocation', () => {
  it('uses XDG_STATE_HOME, else HOME/.local/state; a relative XDG_STATE_HOME is ignored', () => {
    expect(progressLocation({ env: { XDG_STATE_HOME: '/s', HOME: '/h' }, euid: 1000 })).toEqual({ file: '/s/container-lab/progress.json', owner: null });
    expect(progressLocation({ env: { HOME: '/h' }, euid: 1000 }).file).toBe('/h/.local/state/container-lab/progress.json');
    expect(progressLocation({ env: { XDG_STATE_HOME: 'rel', HOME: '/h' }, euid: 1000 }).file).toBe('/h/.local/state/container-lab/progress.json');
  });

  it('as root under sudo: the invoking user\'s file from the passwd file, whatever HOME and XDG_STATE_HOME say', () => {
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, PASSWD);
    const env = { SUDO_UID: '1000', SUDO_GID: '1000', SUDO_USER: 'ann', HOME: '/root', XDG_STATE_HOME: '/root/.state' };
    expect(progressLocation({ env, euid: 0, passwd })).toEqual({ file: '/home/ann/.local/state/container-lab/progress.json', owner: { uid: 1000, gid: 1000 } });
    // not root (sudo -u someone): that user's own environment
    expect(progressLocation({ env, euid: 1000, passwd }).owner).toBeNull();
    expect(() => progressLocation({ env: { ...env, SUDO_USER: 'zed' }, euid: 0, passwd })).toThrow(/cannot find zed's home directory/);
  });
});
