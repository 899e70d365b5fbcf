// Proc connector parsing on hand-built datagrams laid out as <linux/connector.h> and <linux/cn_proc.h> say.
import { describe, expect, it } from 'vitest';
import { decodeExitStatus, parseProcDatagram, parseProcEvents } from '../../../src/procWatcher/procEvents.js';
import { mcastOpMessage, PROC_CN_MCAST_LISTEN } from '../../../native/netlink.js';

const FORK = 0x1;
const EXEC = 0x2;
const UID = 0x4;
const COMM = 0x200;
const EXIT = 0x80000000;

/** One netlink message: nlmsghdr (16) + cn_msg (20) + proc_event (16 + 24). */
function message(what: number, data: (buf: Buffer, at: number) => void, opts: { ts?: bigint; idx?: number; ack?: number } = {}): Buffer {
  const buf = Buffer.alloc(76);
  buf.writeUInt32LE(76, 0);
  buf.writeUInt16LE(3, 4); // NLMSG_DONE
  buf.writeUInt32LE(42, 8);
  buf.writeUInt32LE(opts.idx ?? 1, 16);
  buf.writeUInt32LE(1, 20);
  buf.writeUInt32LE(42, 24);
  buf.writeUInt32LE(opts.ack ?? 0, 28);
  buf.writeUInt16LE(40, 32);
  buf.writeUInt32LE(what, 36);
  buf.writeUInt32LE(3, 40); // cpu
  buf.writeBigUInt64LE(opts.ts ?? 123_456_789_000n, 44);
  data(buf, 52);
  return buf;
}

const u32s = (...values: number[]) => (buf: Buffer, at: number) => values.forEach((v, i) => buf.writeUInt32LE(v, at + 4 * i));

const fork = (parent: number, child: number, childTgid = child) => message(FORK, u32s(parent, parent, child, childTgid));
const exec = (pid: number, ts?: bigint) => message(EXEC, u32s(pid, pid), { ts });
const exit = (pid: number, status: number, parent: number) => message(EXIT, u32s(pid, pid, status, 17, parent, parent));
const comm = (pid: number, name: string) =>
  message(COMM, (buf, at) => {
    u32s(pid, pid)(buf, at);
    buf.write(name, at + 8, 'utf8');
  });

describe('parseProcEvents', () => {
  it('reads a fork: child pid/tgid, the parent tgid as ppid, and the kernel timestamp', () => {
    const buf = fork(100, 200);
    expect(parseProcEvents(buf, buf.length)).toEqual([{ kind: 'fork', pid: 200, tgid: 200, ppid: 100, tsNs: 123_456_789_000n }]);
  });

  it('tells a new thread (pid ≠ tgid) by its fields', () => {
    const buf = fork(100, 201, 200);
    expect(parseProcEvents(buf, buf.length)[0]).toMatchObject({ kind: 'fork', pid: 201, tgid: 200 });
  });

  it('reads exec, and a 64-bit timestamp beyond 2^53', () => {
    const buf = exec(300, 2n ** 60n + 1n);
    expect(parseProcEvents(buf, buf.length)).toEqual([{ kind: 'exec', pid: 300, tgid: 300, tsNs: 2n ** 60n + 1n }]);
  });

  it('reads exit: a normal exit status, a killing signal, and the parent', () => {
    const a = exit(400, 3 << 8, 1);
    const b = exit(401, 9, 1);
    expect(parseProcEvents(a, a.length)).toEqual([{ kind: 'exit', pid: 400, tgid: 400, exitCode: 3, ppid: 1, tsNs: 123_456_789_000n }]);
    expect(parseProcEvents(b, b.length)[0]).toMatchObject({ kind: 'exit', pid: 401, signal: 9 });
    expect(parseProcEvents(b, b.length)[0].exitCode).toBeUndefined();
  });

  it('reads comm up to its NUL, and a full 16-byte name without one', () => {
    const a = comm(500, 'runc:[2:INIT]');
    const b = comm(501, 'abcdefghijklmnop');
    expect(parseProcEvents(a, a.length)[0]).toMatchObject({ kind: 'comm', pid: 500, tgid: 500, comm: 'runc:[2:INIT]' });
    expect(parseProcEvents(b, b.length)[0].comm).toBe('abcdefghijklmnop');
  });

  it('walks several messages in one datagram by nlmsg_len', () => {
    const buf = Buffer.concat([fork(1, 2), exec(2), exit(2, 0, 1)]);
    expect(parseProcEvents(buf, buf.length).map((e) => `${e.kind}:${e.pid}`)).toEqual(['fork:2', 'exec:2', 'exit:2']);
  });

  it('stops at the received length, and at a truncated message', () => {
    const buf = Buffer.concat([exec(7), exec(8), Buffer.alloc(100)]);
    expect(parseProcEvents(buf, 76).map((e) => e.pid)).toEqual([7]);
    expect(parseProcEvents(buf, 76 + 40).map((e) => e.pid)).toEqual([7]);
    expect(parseProcEvents(buf, 152).map((e) => e.pid)).toEqual([7, 8]);
  });

  it('skips kinds it does not report, other connector ids, and netlink errors', () => {
    const uid = message(UID, u32s(9, 9, 0, 0));
    const other = message(EXEC, u32s(9, 9), { idx: 4 });
    const error = exec(9);
    error.writeUInt16LE(2, 4); // NLMSG_ERROR
    const buf = Buffer.concat([uid, other, error, exec(10)]);
    expect(parseProcEvents(buf, buf.length).map((e) => e.pid)).toEqual([10]);
  });
});

describe('parseProcDatagram', () => {
  it('returns the ack of PROC_CN_MCAST_LISTEN (what = NONE) apart from events, with its err', () => {
    const ok = message(0, u32s(0), { ack: 8 });
    const denied = message(0, u32s(1), { ack: 9 });
    const buf = Buffer.concat([ok, exec(3), denied]);
    const parsed = parseProcDatagram(buf, buf.length);
    expect(parsed.acks).toEqual([{ seq: 42, ack: 8, err: 0 }, { seq: 42, ack: 9, err: 1 }]);
    expect(parsed.events.map((e) => e.pid)).toEqual([3]);
  });
});

describe('decodeExitStatus', () => {
  it('splits a wait status as WEXITSTATUS/WTERMSIG do', () => {
    expect(decodeExitStatus(0)).toEqual({ exitCode: 0 });
    expect(decodeExitStatus(1 << 8)).toEqual({ exitCode: 1 });
    expect(decodeExitStatus(15)).toEqual({ signal: 15 });
    expect(decodeExitStatus(0x80 | 11)).toEqual({ signal: 11 }); // core dumped
  });
});

describe('mcastOpMessage', () => {
  it('is nlmsghdr + cn_msg {idx 1, val 1, len 4} + the op, 40 bytes', () => {
    const buf = mcastOpMessage(PROC_CN_MCAST_LISTEN, 5, 6, 777);
    expect(buf.length).toBe(40);
    expect(buf.readUInt32LE(0)).toBe(40);
    expect(buf.readUInt16LE(4)).toBe(3);
    expect(buf.readUInt32LE(12)).toBe(777);
    expect([buf.readUInt32LE(16), buf.readUInt32LE(20), buf.readUInt32LE(24), buf.readUInt32LE(28)]).toEqual([1, 1, 5, 6]);
    expect(buf.readUInt16LE(32)).toBe(4);
    expect(buf.readUInt32LE(36)).toBe(1);
  });
});
