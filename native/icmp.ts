// ICMP echo over a raw socket (raw(7), icmp(7)): what ping(8) sends, made by the lab itself.
import { libc } from './libc.js';
import { invoke } from './kernel.js';
import { AF_INET } from './constants.js';
import { pollIn } from './netlink.js';

const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0o2000000;
const IPPROTO_ICMP = 1;
const ICMP_ECHO = 8;
const ICMP_ECHOREPLY = 0;

export interface EchoReply { seq: number; ttl: number; ms: number }

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
export function internetChecksum(buf: Buffer): number {
  let sum = 0;
  for (let i = 0; i + 1 < buf.length; i += 2) sum += buf.readUInt16BE(i);
  if (buf.length % 2) sum += buf[buf.length - 1] << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

/** An echo request: type 8, code 0, checksum, identifier, sequence number, then the payload. */
export function echoRequest(id: number, seq: number, payload: Buffer): Buffer {
  const msg = Buffer.alloc(8 + payload.length);
  msg.writeUInt8(ICMP_ECHO, 0);
  msg.writeUInt16BE(id & 0xffff, 4);
  msg.writeUInt16BE(seq & 0xffff, 6);
  payload.copy(msg, 8);
  msg.writeUInt16BE(internetChecksum(msg), 2);
  return msg;
}

/** What a raw ICMP socket receives: the IP header (IHL words), then ICMP. An echo reply of ours gives seq and TTL. */
export function parseEchoReply(packet: Buffer, id: number): { seq: number; ttl: number } | null {
  if (packet.length < 20) return null;
  const ihl = (packet[0] & 0x0f) * 4;
  if (packet.length < ihl + 8 || packet[ihl] !== ICMP_ECHOREPLY || packet.readUInt16BE(ihl + 4) !== (id & 0xffff)) return null;
  return { seq: packet.readUInt16BE(ihl + 6), ttl: packet[8] };
}

function sockaddrIn(address: string): Buffer {
  const addr = Buffer.alloc(16);
  addr.writeUInt16LE(AF_INET, 0);
  address.split('.').forEach((octet, i) => addr.writeUInt8(Number(octet), 4 + i));
  return addr;
}

/**
 * Sends `count` echo requests to `address` from the calling thread's network namespace, one
 * every `intervalMs`, each waiting up to `timeoutMs` for its reply. Needs CAP_NET_RAW there.
 */
export function ping(address: string, count: number, intervalMs = 200, timeoutMs = 1000): { sent: number; replies: EchoReply[] } {
  const fd = invoke('socket', ['AF_INET', 'SOCK_RAW|SOCK_CLOEXEC', 'IPPROTO_ICMP'], () => libc().socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP));
  const id = process.pid & 0xffff;
  const to = sockaddrIn(address);
  const replies: EchoReply[] = [];
  const buf = Buffer.alloc(1500);
  try {
    for (let seq = 1; seq <= count; seq++) {
      const msg = echoRequest(id, seq, Buffer.from('container-lab ping'));
      const started = performance.now();
      invoke('sendto', [String(fd), `{ICMP_ECHO, id=${id}, seq=${seq}}`, String(msg.length), '0', `{AF_INET, ${address}}`, '16'],
        () => libc().sendto(fd, msg, msg.length, 0, to, 16));
      const deadline = started + timeoutMs;
      for (;;) {
        const left = Math.max(0, Math.round(deadline - performance.now()));
        if (left === 0 || !(pollIn([fd], left)[0])) break;
        const n = Number(libc().recv(fd, buf, buf.length, 0));
        if (n <= 0) break;
        const reply = parseEchoReply(buf.subarray(0, n), id);
        if (reply?.seq === seq) {
          replies.push({ seq, ttl: reply.ttl, ms: Math.round((performance.now() - started) * 1000) / 1000 });
          break;
        }
      }
      if (seq < count) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, intervalMs);
    }
  } finally {
    libc().close(fd);
  }
  return { sent: count, replies };
}
