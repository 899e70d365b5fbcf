// The capability decoder: hex masks of /proc/<pid>/status into capabilities(7) names, and single status fields.
import { describe, expect, it } from 'vitest';
import { capNames, parseCapabilities, statusValue } from '../../../../src/observe/parse/capabilities.js';

/** Docker 20.10's container, as /proc/<pid>/status shows it (its 14 default capabilities). */
const DOCKER_STATUS = `Name:\tsh
NoNewPrivs:\t0
CapInh:\t0000000000000000
CapPrm:\t00000000a80425fb
CapEff:\t00000000a80425fb
CapBnd:\t00000000a80425fb
CapAmb:\t0000000000000000
Seccomp:\t2
Seccomp_filters:\t1
`;

describe('capNames', () => {
  it('decodes Docker\'s default mask into its 14 capabilities, lowest bit first', () => {
    expect(capNames('00000000a80425fb')).toEqual([
      'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP',
      'CAP_NET_BIND_SERVICE', 'CAP_NET_RAW', 'CAP_SYS_CHROOT', 'CAP_MKNOD', 'CAP_AUDIT_WRITE', 'CAP_SETFCAP',
    ]);
  });

  it('knows every capability up to CAP_CHECKPOINT_RESTORE (40); a higher bit is named by its number', () => {
    const all = capNames('000001ffffffffff');
    expect(all).toHaveLength(41);
    expect([all[21], all[40]]).toEqual(['CAP_SYS_ADMIN', 'CAP_CHECKPOINT_RESTORE']);
    expect(capNames('0000020000000000')).toEqual(['cap_41']);
    expect(capNames('0')).toEqual([]);
  });

  it('refuses what is not a mask', () => {
    expect(() => capNames('zz')).toThrow('not a capability mask: "zz"');
    expect(() => capNames('00000000000000000')).toThrow(/not a capability mask/);
  });
});

describe('parseCapabilities and statusValue', () => {
  it('decodes each Cap line; reads NoNewPrivs and Seccomp', () => {
    const caps = parseCapabilities(DOCKER_STATUS);
    expect(Object.keys(caps)).toEqual(['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb']);
    expect(caps.CapBnd).toHaveLength(14);
    expect(caps.CapInh).toEqual([]);
    expect([statusValue(DOCKER_STATUS, 'Seccomp'), statusValue(DOCKER_STATUS, 'Seccomp_filters'), statusValue(DOCKER_STATUS, 'NoNewPrivs')]).toEqual(['2', '1', '0']);
  });

  it('leaves out what an older kernel does not write', () => {
    expect(parseCapabilities('Name:\tx\nCapEff:\t0000000000200000\n')).toEqual({ CapEff: ['CAP_SYS_ADMIN'] });
    expect(statusValue('Name:\tx\n', 'Seccomp_filters')).toBeNull();
  });
});
