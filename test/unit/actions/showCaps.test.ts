// show-caps: PID 1's status decoded by name, and what Docker's 14 would drop, CAP_SYS_ADMIN first.
import { describe, expect, it } from 'vitest';
import { showCaps } from '../../../src/actions/showCaps.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const status = (mask: string) => `Name:\tnode\nCapInh:\t0000000000000000\nCapPrm:\t${mask}\nCapEff:\t${mask}\nCapBnd:\t${mask}\nCapAmb:\t0000000000000000\n`;

describe('show-caps', () => {
  it('root with every capability: counts per set, and the 27 Docker would drop, CAP_SYS_ADMIN first', async () => {
    const sys = new RecordingSys({ files: { '/proc/4001/status': status('000001ffffffffff') } });
    const result = await showCaps.run(fakeLab({ sys, initPid: 4001 }), {});
    expect(result.output.slice(0, 3)).toEqual(['CapInh 0000000000000000: 0 capabilities', 'CapPrm 000001ffffffffff: 41 capabilities', 'CapEff 000001ffffffffff: 41 capabilities']);
    expect(result.output.at(-1)).toMatch(/^Docker's default set would drop 27 of these: sys_admin net_admin sys_module sys_ptrace sys_rawio sys_time dac_read_search linux_immutable /);
  });

  it('Docker\'s 14: names the effective set, nothing beyond them', async () => {
    const sys = new RecordingSys({ files: { '/proc/4001/status': status('00000000a80425fb') } });
    const result = await showCaps.run(fakeLab({ sys, initPid: 4001 }), {});
    expect(result.output).toContain('CapEff by name: chown dac_override fowner fsetid kill setgid setuid setpcap net_bind_service net_raw sys_chroot mknod audit_write setfcap');
    expect(result.output.at(-1)).toMatch(/^the bounding set holds nothing beyond Docker's default 14/);
  });

  it('needs PID 1', async () => {
    await expect(showCaps.run(fakeLab(), {})).rejects.toThrow(/no PID 1 yet/);
  });
});
