// koffi bindings for a NETLINK_CONNECTOR socket subscribed to the kernel's process events (cn_proc).
import { lastErrno, libc } from './libc.js';
import { invoke } from './kernel.js';
import { KernelError } from './errno.js';
/*
 * Socket constants: <linux/socket.h>, <linux/netlink.h>, <asm-generic/socket.h>, <poll.h>.
 * The same numbers on x64 and arm64.
 */
export const AF_NETLINK = 16;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;
export const NETLINK_CONNECTOR = 11;
export const SOL_SOCKET = 1;
export const SO_RCVBUF = 8;
export const SO_RCVBUFFORCE = 33;
export const MSG_DONTWAIT = 0x40;
export const POLLIN = 0x1;
export const POLLERR = 0x8;
export const POLLHUP = 0x10;
export const EINTR = 4;
export const EAGAIN = 11;
export const EPROTONOSUPPORT = 93;
export const ENOBUFS = 105;
/** <linux/netlink.h>: struct nlmsghdr { u32 len; u16 type; u16 flags; u32 seq; u32 pid; }. */
export const NLMSG_HDRLEN = 16;
export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
/** struct sockaddr_nl { u16 nl_family; u16 nl_pad; u32 nl_pid; u32 nl_groups; }. */
export const SOCKADDR_NL_SIZE = 12;
/** <linux/connector.h>: struct cn_msg { cb_id id {u32 idx, val}; u32 seq; u32 ack; u16 len; u16 flags; u8 data[]; }. */
export const CN_MSG_HDRLEN = 20;
export const CN_IDX_PROC = 1;
export const CN_VAL_PROC = 1;
/** <linux/cn_proc.h>: enum proc_cn_mcast_op, sent as the 4-byte payload of a cn_msg. */
export const PROC_CN_MCAST_LISTEN = 1;
export const PROC_CN_MCAST_IGNORE = 2;
/** enum proc_cn_event (the `what` of struct proc_event). */
export const PROC_EVENT = {
    NONE: 0x00000000,
    FORK: 0x00000001,
    EXEC: 0x00000002,
    UID: 0x00000004,
    GID: 0x00000040,
    SID: 0x00000080,
    PTRACE: 0x00000100,
    COMM: 0x00000200,
    COREDUMP: 0x40000000,
    EXIT: 0x80000000,
};
/**
 * struct proc_event { u32 what; u32 cpu; u64 timestamp_ns; union event_data; }: the union's
 * largest members (exit: six u32; comm: two u32 + char[16]) make it 24 bytes, 40 in all.
 */
export const PROC_EVENT_HEADER = 16;
export const PROC_EVENT_SIZE = 40;
export const TASK_COMM_LEN = 16;
/** nlmsghdr + cn_msg + the op: what PROC_CN_MCAST_LISTEN/IGNORE looks like on the wire. */
export function mcastOpMessage(op, seq, ack, portId) {
    const total = NLMSG_HDRLEN + CN_MSG_HDRLEN + 4;
    const buf = Buffer.alloc(total);
    buf.writeUInt32LE(total, 0); // nlmsg_len
    buf.writeUInt16LE(NLMSG_DONE, 4); // nlmsg_type
    buf.writeUInt16LE(0, 6); // nlmsg_flags
    buf.writeUInt32LE(seq >>> 0, 8); // nlmsg_seq
    buf.writeUInt32LE(portId >>> 0, 12); // nlmsg_pid
    buf.writeUInt32LE(CN_IDX_PROC, 16); // id.idx
    buf.writeUInt32LE(CN_VAL_PROC, 20); // id.val
    buf.writeUInt32LE(seq >>> 0, 24); // seq
    buf.writeUInt32LE(ack >>> 0, 28); // ack
    buf.writeUInt16LE(4, 32); // len: sizeof(enum proc_cn_mcast_op)
    buf.writeUInt16LE(0, 34); // flags
    buf.writeUInt32LE(op, 36);
    return buf;
}
/** socket(AF_NETLINK, SOCK_DGRAM|SOCK_CLOEXEC, NETLINK_CONNECTOR) bound to the CN_IDX_PROC group; the kernel picks the port id. */
export function openProcConnector() {
    const fd = invoke('socket', ['AF_NETLINK', 'SOCK_DGRAM|SOCK_CLOEXEC', 'NETLINK_CONNECTOR'], () => libc().socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_CONNECTOR));
    try {
        const addr = Buffer.alloc(SOCKADDR_NL_SIZE);
        addr.writeUInt16LE(AF_NETLINK, 0);
        addr.writeUInt32LE(0, 4); // nl_pid 0: the kernel assigns one
        addr.writeUInt32LE(CN_IDX_PROC, 8); // nl_groups: a bit mask, group 1 = bit 0
        invoke('bind', [String(fd), '{nl_family=AF_NETLINK, nl_pid=0, nl_groups=CN_IDX_PROC}', String(SOCKADDR_NL_SIZE)], () => libc().bind(fd, addr, SOCKADDR_NL_SIZE));
        const len = [SOCKADDR_NL_SIZE];
        const got = Buffer.alloc(SOCKADDR_NL_SIZE);
        if (Number(libc().getsockname(fd, got, len)) === -1)
            throw new KernelError('getsockname', lastErrno());
        return { fd, portId: got.readUInt32LE(4) };
    }
    catch (error) {
        libc().close(fd);
        throw error;
    }
}
/**
 * Sets the socket's receive buffer: SO_RCVBUFFORCE (root, CAP_NET_ADMIN: above net.core.rmem_max),
 * SO_RCVBUF otherwise. Returns what the kernel granted (it doubles the request for bookkeeping).
 */
export function setReceiveBuffer(fd, bytes) {
    const value = Buffer.alloc(4);
    value.writeInt32LE(bytes, 0);
    try {
        invoke('setsockopt', [String(fd), 'SOL_SOCKET', 'SO_RCVBUFFORCE', `[${bytes}]`, '4'], () => libc().setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, value, 4));
    }
    catch {
        invoke('setsockopt', [String(fd), 'SOL_SOCKET', 'SO_RCVBUF', `[${bytes}]`, '4'], () => libc().setsockopt(fd, SOL_SOCKET, SO_RCVBUF, value, 4));
    }
    const out = Buffer.alloc(4);
    const len = [4];
    if (Number(libc().getsockopt(fd, SOL_SOCKET, SO_RCVBUF, out, len)) === -1)
        return bytes;
    return out.readInt32LE(0);
}
/** Sends PROC_CN_MCAST_LISTEN or _IGNORE to the kernel (port id 0). */
export function sendMcastOp(fd, op, seq, ack, portId) {
    const msg = mcastOpMessage(op, seq, ack, portId);
    const name = op === PROC_CN_MCAST_LISTEN ? 'PROC_CN_MCAST_LISTEN' : op === PROC_CN_MCAST_IGNORE ? 'PROC_CN_MCAST_IGNORE' : String(op);
    invoke('send', [String(fd), `{nlmsghdr, cn_msg{idx=CN_IDX_PROC, val=CN_VAL_PROC}, ${name}}`, String(msg.length), '0'], () => libc().send(fd, msg, msg.length, 0));
}
/** recv(2) without blocking: the byte count, or the errno (EAGAIN when empty, ENOBUFS after an overflow). */
export function receive(fd, buf) {
    const ret = Number(libc().recv(fd, buf, buf.length, MSG_DONTWAIT));
    if (ret === -1)
        return { errno: lastErrno() };
    return { bytes: ret };
}
/**
 * poll(2) on several fds for POLLIN; returns each fd's revents (0 when the timeout passed).
 * EINTR counts as a timeout.
 */
export function pollIn(fds, timeoutMs) {
    const set = Buffer.alloc(8 * fds.length); // struct pollfd { int fd; short events; short revents; }
    fds.forEach((fd, i) => {
        set.writeInt32LE(fd, i * 8);
        set.writeInt16LE(POLLIN, i * 8 + 4);
    });
    const ret = Number(libc().poll(set, fds.length, timeoutMs));
    if (ret === -1) {
        const errno = lastErrno();
        if (errno === EINTR)
            return fds.map(() => 0);
        throw new KernelError('poll', errno);
    }
    return fds.map((_, i) => set.readUInt16LE(i * 8 + 6));
}
export function closeSocket(fd) {
    libc().close(fd);
}
