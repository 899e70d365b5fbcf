// capabilityLines: masks and counts per set, CapEff by name when short, and Docker's 14 against the bounding set.
import { describe, expect, it } from 'vitest';
import { capabilityLines, shortCapNames } from '../../../../src/observe/interpret/capabilitiesReading.js';

const status = (mask: string, amb = true) => `Name:\tsh\nCapInh:\t0000000000000000\nCapPrm:\t${mask}\nCapEff:\t${mask}\nCapBnd:\t${mask}\n${amb ? 'CapAmb:\t0000000000000000\n' : ''}Seccomp:\t2\n`;

describe('capabilityLines', () => {
  it('Docker\'s 14: each set, CapEff by name, nothing beyond the 14', () => {
    expect(capabilityLines(status('00000000a80425fb'))).toEqual([
      'CapInh 0000000000000000: 0 capabilities',
      'CapPrm 00000000a80425fb: 14 capabilities',
      'CapEff 00000000a80425fb: 14 capabilities',
      'CapBnd 00000000a80425fb: 14 capabilities',
      'CapAmb 0000000000000000: 0 capabilities',
      'CapEff by name: chown dac_override fowner fsetid kill setgid setuid setpcap net_bind_service net_raw sys_chroot mknod audit_write setfcap',
      'the bounding set holds nothing beyond Docker\'s default 14: chown dac_override fowner fsetid kill setgid setuid setpcap net_bind_service net_raw sys_chroot mknod audit_write setfcap',
    ]);
  });

  it('root\'s full set: no names for a long CapEff, what Docker would drop with CAP_SYS_ADMIN first; a set the kernel does not write is left out', () => {
    const out = capabilityLines(status('000001ffffffffff', false));
    expect(out.some((l) => l.startsWith('CapAmb'))).toBe(false);
    expect(out.some((l) => l.startsWith('CapEff by name'))).toBe(false);
    expect(out.at(-1)).toMatch(/^Docker's default set would drop 27 of these: sys_admin net_admin /);
  });

  it('shortCapNames', () => {
    expect(shortCapNames(['CAP_SYS_ADMIN', 'CAP_KILL'])).toBe('sys_admin kill');
  });
});
