// show-lsm-label: PID 1's /proc/<pid>/attr/current, or the words for a host whose LSMs label nothing (EINVAL).
import { describe, expect, it } from 'vitest';
import { showLsmLabel } from '../../../src/actions/showLsmLabel.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

class EinvalSys extends RecordingSys {
  override readFile(path: string): string {
    if (path.endsWith('/attr/current')) throw Object.assign(new Error(`EINVAL: invalid argument, open '${path}'`), { code: 'EINVAL' });
    return super.readFile(path);
  }
}

describe('show-lsm-label', () => {
  it('shows an SELinux context without its NUL, an AppArmor profile without its newline', async () => {
    const selinux = new RecordingSys({ files: { '/proc/4001/attr/current': 'unconfined_u:unconfined_r:unconfined_t:s0\0' } });
    expect((await showLsmLabel.run(fakeLab({ sys: selinux, initPid: 4001 }), {})).output[0]).toBe("PID 1's label: unconfined_u:unconfined_r:unconfined_t:s0 (/proc/4001/attr/current)");
    const apparmor = new RecordingSys({ files: { '/proc/4001/attr/current': 'unconfined\n' } });
    expect((await showLsmLabel.run(fakeLab({ sys: apparmor, initPid: 4001 }), {})).output[0]).toBe("PID 1's label: unconfined (/proc/4001/attr/current)");
  });

  it('says so on a host without a labelling LSM; needs PID 1', async () => {
    const result = await showLsmLabel.run(fakeLab({ sys: new EinvalSys(), initPid: 4001 }), {});
    expect(result.output).toEqual(['/proc/4001/attr/current answers EINVAL: no LSM on this host gives processes a label (no AppArmor, no SELinux)']);
    await expect(showLsmLabel.run(fakeLab(), {})).rejects.toThrow(/no PID 1 yet/);
  });
});
