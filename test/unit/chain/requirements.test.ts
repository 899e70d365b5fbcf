// What a chain lesson says when its programs are missing: which ones, and the install command of this distribution.
import { describe, expect, it } from 'vitest';
import { missingPrograms } from '../../../src/chain/requirements.js';
import { parseOsRelease } from '../../../src/chain/installHint.js';

const debian = () => parseOsRelease('ID=debian\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
const fedora = () => parseOsRelease('ID=fedora\nPRETTY_NAME="Fedora Linux 40"\n');

describe('missingPrograms', () => {
  it('says nothing when every program is there', () => {
    expect(missingPrograms(['dockerd', 'runc'], (n) => `/usr/bin/${n}`, debian)).toBeNull();
    expect(missingPrograms([], () => null, debian)).toBeNull();
  });

  it('names the missing ones and the distribution\'s own install command', () => {
    const have = new Set(['runc', 'docker']);
    const find = (n: string) => (have.has(n) ? `/usr/bin/${n}` : null);
    expect(missingPrograms(['docker', 'dockerd', 'containerd', 'runc'], find, debian)).toBe(
      'needs dockerd, containerd (not installed): sudo apt-get install docker.io containerd runc   (on Debian GNU/Linux 12 (bookworm))',
    );
    expect(missingPrograms(['containerd'], find, fedora)).toMatch(/^needs containerd \(not installed\): sudo dnf install moby-engine containerd runc/);
  });
});
