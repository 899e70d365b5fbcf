// Chain discovery: version words from real --version outputs, install hints per distribution.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVersion, discoverChain, labDockerCli } from '../../../src/chain/discover.js';
import { installHint, parseOsRelease } from '../../../src/chain/installHint.js';

const osRelease = (name: string) => parseOsRelease(readFileSync(join(__dirname, '../../fixtures/os-release', name), 'utf8'));

describe('parseVersion', () => {
  it.each([
    ['Docker version 28.2.2, build e6534b4', '28.2.2'],
    ['runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev', '1.1.5+ds1'],
    ['containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+b1', '1.6.20~ds1'],
    ['ctr github.com/containerd/containerd 1.6.20~ds1', '1.6.20~ds1'],
    ['Docker version 20.10.24+dfsg1, build 297e128', '20.10.24+dfsg1'],
    ['containerd-shim-runc-v2:\n  Version:  1.6.20~ds1\n  Revision: 1.6.20~ds1-1+deb12u3\n  Go version: go1.19.8', '1.6.20~ds1'],
    ['', null],
    ['usage: something', null],
  ])('%j → %s', (output, version) => {
    expect(parseVersion(output)).toBe(version);
  });
});

describe('installHint', () => {
  it('speaks each distribution\'s package manager, following ID_LIKE', () => {
    expect(installHint(osRelease('debian-12'))).toMatch(/^sudo apt-get install docker\.io containerd runc .*Debian GNU\/Linux 12/);
    expect(installHint(osRelease('ubuntu-24.04'))).toMatch(/^sudo apt-get install docker\.io/);
    expect(installHint(osRelease('mint-22'))).toMatch(/^sudo apt-get install/);
    expect(installHint(osRelease('fedora-40'))).toMatch(/^sudo dnf install moby-engine containerd runc/);
    expect(installHint(parseOsRelease('ID=plan9\nPRETTY_NAME="Plan 9"'))).toMatch(/Plan 9's package manager/);
  });

  it('reads quoted and unquoted values', () => {
    expect(osRelease('mint-22')).toEqual({ id: 'linuxmint', idLike: ['ubuntu', 'debian'], prettyName: 'Linux Mint 22' });
  });
});

describe('discoverChain', () => {
  it('reports missing programs without versions, and asks found ones for theirs', () => {
    const found = discoverChain((name) => (name === 'runc' ? process.execPath : null));
    expect(found.map((b) => b.name)).toEqual(['docker', 'dockerd', 'containerd', 'ctr', 'containerd-shim-runc-v2', 'runc']);
    expect(found.filter((b) => b.path === null)).toHaveLength(5);
    // node --version prints v20.x: the version word is read from the real program's output
    expect(found[5].version).toBe(process.version.slice(1));
  });
});

describe('labDockerCli', () => {
  const dockerd = { name: 'dockerd' as const, path: '/usr/sbin/dockerd', version: '20.10.24+dfsg1' };
  it('keeps the docker on PATH when it is of dockerd\'s release, or when no other is', () => {
    const same = { name: 'docker' as const, path: '/usr/bin/docker', version: '20.10.24+dfsg1' };
    expect(labDockerCli(same, dockerd)).toBe(same);
    const newer = { name: 'docker' as const, path: '/nowhere/docker', version: '28.2.2' };
    expect(labDockerCli(newer, dockerd, ['/nonexistent/docker'])).toBe(newer);
  });
});
