// The container-network checks on a fake /proc: ICMP counters, conntrack entries, one network namespace, bridge ports.
import { describe, expect, it } from 'vitest';
import { icmpEchoes, conntrackEntry, sameNetns, bridgePorts } from '../../../src/checks/containerNetChecks.js';
import { containerNet } from '../../../src/actions/containerNetState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const SNMP = (inEchos: number) => `Icmp: InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs InSrcQuenchs InRedirects InEchos InEchoReps InTimestamps InTimestampReps InAddrMasks InAddrMaskReps OutMsgs OutErrors OutRateLimitGlobal OutRateLimitHost OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps
Icmp: ${inEchos} 0 0 0 0 0 0 0 ${inEchos} 0 0 0 0 0 ${inEchos} 0 0 0 0 0 0 0 0 0 ${inEchos} 0 0 0 0
`;
const CT = 'ipv4     2 tcp      6 431999 ESTABLISHED src=10.201.7.1 dst=10.201.7.1 sport=56710 dport=8080 src=10.201.7.2 dst=10.201.7.1 sport=80 dport=56710 [ASSURED] mark=0 zone=0 use=2\n';

function lab(files: Record<string, string>, links: Record<string, string> = {}) {
  const ctx = fakeLab({ sys: new RecordingSys({ files, links: { '/proc/self/ns/net': 'net:[1]', ...links } }) });
  const s = containerNet(ctx);
  s.lab = { pid: 5000, subnet: 7, addr: '10.201.7.1' };
  s.containers.set('c1', { name: 'c1', pid: 1000, addr: '10.201.7.2', port: 'cl-c1' });
  s.containers.set('c2', { name: 'c2', pid: 2000, addr: '10.201.7.3', port: 'cl-c2' });
  s.containers.set('side', { name: 'side', pid: 3000, joined: 'c1' });
  return ctx;
}

describe('container-network checks', () => {
  it('icmp-echoes: InEchos and OutEchoReps of the container\'s namespace', () => {
    expect(icmpEchoes.run(lab({ '/proc/2000/net/snmp': SNMP(3) }), { in: 'c2', atLeast: 3 })).toEqual({ ok: true, detail: 'c2: InEchos 3, OutEchoReps 3' });
    expect(icmpEchoes.run(lab({ '/proc/2000/net/snmp': SNMP(1) }), { in: 'c2', atLeast: 3 }).ok).toBe(false);
  });

  it('conntrack-entry: an ESTABLISHED entry to the port, its reply from the container when asked', () => {
    const ctx = lab({ '/proc/5000/net/nf_conntrack': CT });
    expect(conntrackEntry.run(ctx, { port: 8080, to: 'c1' }).ok).toBe(true);
    expect(conntrackEntry.run(ctx, { port: 8080, to: 'c2' }).detail).toMatch(/no reply from 10\.201\.7\.3/);
    expect(conntrackEntry.run(ctx, { port: 9090 }).detail).toMatch(/no ESTABLISHED entry to port 9090/);
    expect(conntrackEntry.run(lab({}), { port: 8080 }).detail).toMatch(/nf_conntrack module is not loaded/);
  });

  it('same-netns: one inode, not the host\'s', () => {
    const one = { '/proc/1000/ns/net': 'net:[9]', '/proc/3000/ns/net': 'net:[9]', '/proc/2000/ns/net': 'net:[8]' };
    expect(sameNetns.run(lab({}, one), { a: 'side', b: 'c1' })).toEqual({ ok: true, detail: 'side and c1: net:[9]' });
    expect(sameNetns.run(lab({}, one), { a: 'side', b: 'c2' }).ok).toBe(false);
    expect(sameNetns.run(lab({}, { '/proc/1000/ns/net': 'net:[1]', '/proc/3000/ns/net': 'net:[1]' }), { a: 'side', b: 'c1' }).detail).toMatch(/host's network namespace/);
  });

  it('bridge-ports: the ports listed in the lab namespace, none on the host', () => {
    const ctx = lab({});
    const inLab = ['nsenter', '--net=/proc/5000/ns/net', 'ip', '-o', 'link', 'show'];
    ctx.sys.answer([...inLab, 'dev', 'cl-br0'], { stdout: '3: cl-br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n' });
    ctx.sys.answer([...inLab, 'master', 'cl-br0'], { stdout: '4: cl-c1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> master cl-br0\n5: cl-c2@if2: <BROADCAST,MULTICAST> master cl-br0\n' });
    ctx.sys.answer(['ip', '-o', 'link', 'show'], { stdout: '1: lo: <LOOPBACK,UP>\n2: eth0: <UP>\n' });
    expect(bridgePorts.run(ctx, { ports: ['cl-c1', 'cl-c2'] })).toEqual({ ok: false, detail: 'cl-c2 not UP' });
    expect(bridgePorts.run(ctx, { ports: ['cl-c1'] }).detail).toBe('ports of cl-br0: cl-c1, cl-c2; expected cl-c1');
  });
});
