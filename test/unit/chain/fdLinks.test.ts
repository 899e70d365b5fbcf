// fdLinks: access modes from fdinfo flags, the other ends of pipes and FIFOs, on a /proc tree made here.
import { describe, expect, it } from 'vitest';
import { fdMode, openFds, otherEnds, type OpenFd } from '../../../src/chain/fdLinks.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { addFds } from '../../support/fakeProc.js';

/** /proc/<pid>/fd/<n> → target, /proc/<pid>/fdinfo/<n> with the flags line, as the kernel shows them. */
const root = new RecordingSys();
const fakeProc = (pid: number, fds: Record<number, [string, string]>) => addFds(root, pid, fds);

// Captured on Debian 12 (containerd 1.6.20, dockerd 20.10.24): a `docker run -d -i` container and its shim.
const FIFO = '/run/container-lab/session-x/docker/exec/containerd/abc/init-stdout';
fakeProc(6521, { 0: ['pipe:[1198673]', '00'], 1: ['pipe:[1198674]', '01'], 2: ['pipe:[1198675]', '01'] });
fakeProc(6500, {
  0: ['/dev/null', '0100000'],
  13: ['pipe:[1198673]', '02000000'],
  14: ['pipe:[1198673]', '02004001'],
  15: ['pipe:[1198674]', '02004000'],
  17: ['pipe:[1198675]', '02004000'],
  18: [FIFO, '012000000'],
  19: [FIFO, '02104001'],
  21: [FIFO, '02104000'],
});

describe('fdMode', () => {
  it('reads the access mode from the low bits, O_PATH apart', () => {
    expect(fdMode('00')).toBe('r');
    expect(fdMode('02004001')).toBe('w');
    expect(fdMode('0100002')).toBe('rw');
    expect(fdMode('012000000')).toBe('path');
  });
});

describe('openFds', () => {
  it('lists fds in number order with targets and modes', () => {
    expect(openFds(root, 6521)).toEqual([
      { pid: 6521, fd: 0, target: 'pipe:[1198673]', mode: 'r' },
      { pid: 6521, fd: 1, target: 'pipe:[1198674]', mode: 'w' },
      { pid: 6521, fd: 2, target: 'pipe:[1198675]', mode: 'w' },
    ]);
  });

  it('gives nothing for a process that is gone', () => {
    expect(openFds(root, 99999)).toEqual([]);
  });
});

describe('otherEnds', () => {
  it('pairs each end with the other access mode of the same pipe', () => {
    const pairs = otherEnds(openFds(root, 6521), openFds(root, 6500)).map((p) => [p.a.fd, p.b.fd]);
    // stdin: the container reads, the shim's fd 14 writes (its fd 13, the same read end, is no partner)
    expect(pairs).toEqual([[0, 14], [1, 15], [2, 17]]);
  });

  it('ignores O_PATH handles and read-write opens', () => {
    const shim = openFds(root, 6500).filter((f) => f.target === FIFO);
    const dockerd: OpenFd[] = [{ pid: 1, fd: 28, target: FIFO, mode: 'r' }, { pid: 1, fd: 29, target: FIFO, mode: 'path' }];
    expect(otherEnds(shim, dockerd).map((p) => [p.a.fd, p.b.fd])).toEqual([[19, 28]]);
  });
});
