// The docker-run helpers: a listener in /proc/<pid>/net/tcp{,6}, namespaces, ip(8) through the seam.
import { describe, expect, it } from 'vitest';
import { ipIn, lines, listening, netnsOf, waitUntil } from '../../../src/actions/dockerRunUtil.js';
import { RecordingSys } from '../../support/recordingSys.js';

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue\n';
const tcp = (local: string, st: string) => `${HEADER}   0: ${local} 00000000:0000 ${st} 00000000:00000000\n`;

describe('docker-run helpers', () => {
  it('listening: a LISTEN (0A) socket on the port, in tcp or tcp6', () => {
    const sys = new RecordingSys({ files: { '/proc/7/net/tcp': tcp('00000000:0050', '0A') } });
    expect(listening(sys, 7, 80)).toBe(true);
    expect(listening(sys, 7, 8080)).toBe(false);
    const established = new RecordingSys({ files: { '/proc/7/net/tcp': tcp('0100007F:0050', '01') } });
    expect(listening(established, 7, 80)).toBe(false);
    const v6 = new RecordingSys({ files: { '/proc/7/net/tcp6': tcp('00000000000000000000000000000000:1F90', '0A') } });
    expect(listening(v6, 7, 8080)).toBe(true);
    expect(listening(new RecordingSys(), 7, 80)).toBe(false);
  });

  it('netnsOf reads the ns/net link', () => {
    expect(netnsOf(new RecordingSys({ links: { '/proc/self/ns/net': 'net:[1]' } }), 'self')).toBe('net:[1]');
  });

  it('ipIn runs ip(8) through nsenter --net, logged, and fails with its stderr', async () => {
    const sys = new RecordingSys().answer(['nsenter'], (argv) => (argv.includes('show') ? { stdout: '1: lo\n' } : { status: 2, stderr: 'RTNETLINK answers: File exists\n' }));
    expect(await ipIn(sys, 9, ['link', 'show'])).toBe('1: lo\n');
    expect(sys.calls[0]).toEqual({ via: 'program', argv: ['nsenter', '--net=/proc/9/ns/net', 'ip', 'link', 'show'] });
    expect(sys.drain().map((e) => e.call)).toEqual(['nsenter']);
    await expect(ipIn(sys, 9, ['addr', 'add', '10.200.1.1/24'])).rejects.toThrow('ip addr add 10.200.1.1/24 in the namespace of 9 failed: RTNETLINK answers: File exists');
    await expect(ipIn(new RecordingSys(), 9, ['link'])).rejects.toThrow(/could not run nsenter/);
  });

  it('lines drops empty ones; waitUntil gives up at its deadline', async () => {
    expect(lines('a\n\nb\n')).toEqual(['a', 'b']);
    expect(await waitUntil(() => true, 0)).toBe(true);
    expect(await waitUntil(() => false, 20)).toBe(false);
  });
});
