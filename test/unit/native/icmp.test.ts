// ICMP echo on the wire: the request's checksum, and a reply recognised inside its IP header.
import { describe, expect, it } from 'vitest';
import { echoRequest, internetChecksum, parseEchoReply } from '../../../native/icmp.js';

describe('icmp', () => {
  it('an echo request is type 8 with a checksum that makes the whole message sum to zero', () => {
    const msg = echoRequest(0x1234, 7, Buffer.from('container-lab ping'));
    expect(msg[0]).toBe(8);
    expect(msg.readUInt16BE(4)).toBe(0x1234);
    expect(msg.readUInt16BE(6)).toBe(7);
    expect(internetChecksum(msg)).toBe(0);
  });

  it('finds our echo reply after a 20-byte IP header, with the TTL; ignores another id and other types', () => {
    const icmp = echoRequest(0x1234, 7, Buffer.from('x'));
    icmp[0] = 0; // echo reply
    const ip = Buffer.alloc(20);
    ip[0] = 0x45; // IPv4, IHL 5 words
    ip[8] = 64;
    const packet = Buffer.concat([ip, icmp]);
    expect(parseEchoReply(packet, 0x1234)).toEqual({ seq: 7, ttl: 64 });
    expect(parseEchoReply(packet, 0x4321)).toBeNull();
    icmp[0] = 8;
    expect(parseEchoReply(Buffer.concat([ip, icmp]), 0x1234)).toBeNull();
  });
});
