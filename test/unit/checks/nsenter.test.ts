// nsenter: the checks' view from inside a namespace, run through the seam and kept out of the step's log.
import { describe, expect, it } from 'vitest';
import { nsenter } from '../../../src/checks/nsenter.js';
import { RecordingSys } from '../../support/recordingSys.js';

describe('nsenter', () => {
  it('enters the named namespaces of the target (rootless: its user namespace first) and returns stdout', () => {
    const sys = new RecordingSys().answer(['nsenter'], { stdout: 'box\n' });
    expect(nsenter(1000, ['uts', 'net'], ['hostname'], false, sys)).toBe('box\n');
    expect(nsenter(1000, ['uts'], ['hostname'], true, sys)).toBe('box\n');
    expect(sys.calls).toEqual([
      { via: 'program', argv: ['nsenter', '--target', '1000', '--uts', '--net', '--', 'hostname'] },
      { via: 'program', argv: ['nsenter', '--target', '1000', '--user', '--preserve-credentials', '--uts', '--', 'hostname'] },
    ]);
    expect(sys.drain()).toEqual([]);
  });

  it('throws with the reason when nsenter fails or cannot start', () => {
    const failing = new RecordingSys().answer(['nsenter'], { status: 1, stderr: 'nsenter: reassociate to namespace \'ns/uts\' failed\n' });
    expect(() => nsenter(1, ['uts'], ['hostname'], false, failing)).toThrow('nsenter hostname failed: nsenter: reassociate');
    expect(() => nsenter(1, ['uts'], ['hostname'], false, new RecordingSys())).toThrow(/nsenter could not run: .*install util-linux/);
  });
});
