// The container-net slot's readers: packet counters from /proc/<pid>/net/dev, conntrack lines as original and reply.
import { describe, expect, it } from 'vitest';
import { conntrackPair, packetCounters, conntrackLines } from '../../../src/actions/containerNetState.js';
import { RecordingSys } from '../../support/recordingSys.js';

const DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0:    1022      11    0    0    0     0          0         0      866       9    0    0    0     0       0          0
`;
const CT = 'ipv4     2 tcp      6 431999 ESTABLISHED src=10.201.7.1 dst=10.201.7.1 sport=56710 dport=8080 src=10.201.7.2 dst=10.201.7.1 sport=80 dport=56710 [ASSURED] mark=0 zone=0 use=2\n';

describe('container-net readers', () => {
  it('reads RX and TX packets of one interface', () => {
    const sys = new RecordingSys({ files: { '/proc/42/net/dev': DEV } });
    expect(packetCounters(sys, 42, 'eth0')).toEqual({ rx: 11, tx: 9 });
    expect(() => packetCounters(sys, 42, 'cl-c1')).toThrow(/no interface cl-c1/);
  });

  it('splits a conntrack entry into its original and reply tuples', () => {
    const sys = new RecordingSys({ files: { '/proc/42/net/nf_conntrack': CT } });
    const [line] = conntrackLines(sys, 42, 'dport=8080 ');
    expect(conntrackPair(line)).toEqual([
      'tcp ESTABLISHED  original src=10.201.7.1 dst=10.201.7.1 sport=56710 dport=8080',
      '                 reply    src=10.201.7.2 dst=10.201.7.1 sport=80 dport=56710',
    ]);
    expect(conntrackPair('something else')).toEqual(['something else']);
  });
});
