// Parses proc connector datagrams (nlmsghdr + cn_msg + struct proc_event) into fork/exec/exit/comm events.
import { NLMSG_HDRLEN, NLMSG_ERROR, NLMSG_NOOP, CN_MSG_HDRLEN, CN_IDX_PROC, CN_VAL_PROC, PROC_EVENT, PROC_EVENT_HEADER, TASK_COMM_LEN, } from '../../native/netlink.js';
/** Splits a wait status (task->exit_code) the way WIFEXITED/WEXITSTATUS/WTERMSIG do. */
export function decodeExitStatus(status) {
    const signal = status & 0x7f;
    if (signal === 0)
        return { exitCode: (status >> 8) & 0xff };
    return { signal };
}
function readEvent(buf, at, end) {
    if (at + PROC_EVENT_HEADER > end)
        return null;
    const what = buf.readUInt32LE(at);
    const tsNs = buf.readBigUInt64LE(at + 8);
    const data = at + PROC_EVENT_HEADER;
    const has = (bytes) => data + bytes <= end;
    switch (what) {
        case PROC_EVENT.FORK:
            if (!has(16))
                return null;
            return { kind: 'fork', ppid: buf.readUInt32LE(data + 4), pid: buf.readUInt32LE(data + 8), tgid: buf.readUInt32LE(data + 12), tsNs };
        case PROC_EVENT.EXEC:
            if (!has(8))
                return null;
            return { kind: 'exec', pid: buf.readUInt32LE(data), tgid: buf.readUInt32LE(data + 4), tsNs };
        case PROC_EVENT.EXIT: {
            if (!has(16))
                return null;
            const event = {
                kind: 'exit', pid: buf.readUInt32LE(data), tgid: buf.readUInt32LE(data + 4),
                ...decodeExitStatus(buf.readUInt32LE(data + 8)), tsNs,
            };
            if (has(24))
                event.ppid = buf.readUInt32LE(data + 20);
            return event;
        }
        case PROC_EVENT.COMM: {
            if (!has(8 + TASK_COMM_LEN))
                return null;
            const raw = buf.subarray(data + 8, data + 8 + TASK_COMM_LEN);
            const nul = raw.indexOf(0);
            const comm = raw.subarray(0, nul === -1 ? raw.length : nul).toString('utf8');
            return { kind: 'comm', pid: buf.readUInt32LE(data), tgid: buf.readUInt32LE(data + 4), comm, tsNs };
        }
        default:
            return null; // uid, gid, sid, ptrace, coredump: not needed here
    }
}
/**
 * Every proc connector message in one datagram. Each netlink message carries one cn_msg with one
 * proc_event; several messages follow each other at NLMSG_ALIGN(nlmsg_len) steps. Messages that
 * are not from CN_IDX_PROC/CN_VAL_PROC, truncated ones, and event kinds not listed are skipped.
 */
export function parseProcDatagram(buf, length) {
    const out = { events: [], acks: [] };
    const end = Math.min(length, buf.length);
    let at = 0;
    while (at + NLMSG_HDRLEN <= end) {
        const nlLen = buf.readUInt32LE(at);
        if (nlLen < NLMSG_HDRLEN || at + nlLen > end)
            break;
        const type = buf.readUInt16LE(at + 4);
        const cn = at + NLMSG_HDRLEN;
        if (type !== NLMSG_ERROR && type !== NLMSG_NOOP && cn + CN_MSG_HDRLEN <= at + nlLen) {
            const idx = buf.readUInt32LE(cn);
            const val = buf.readUInt32LE(cn + 4);
            const cnLen = buf.readUInt16LE(cn + 16);
            const payload = cn + CN_MSG_HDRLEN;
            const payloadEnd = Math.min(payload + cnLen, at + nlLen);
            if (idx === CN_IDX_PROC && val === CN_VAL_PROC) {
                if (payload + 4 <= payloadEnd && buf.readUInt32LE(payload) === PROC_EVENT.NONE) {
                    if (payload + PROC_EVENT_HEADER + 4 <= payloadEnd) {
                        out.acks.push({ seq: buf.readUInt32LE(cn + 8), ack: buf.readUInt32LE(cn + 12), err: buf.readUInt32LE(payload + PROC_EVENT_HEADER) });
                    }
                }
                else {
                    const event = readEvent(buf, payload, payloadEnd);
                    if (event && 'kind' in event)
                        out.events.push(event);
                }
            }
        }
        at += (nlLen + 3) & ~3; // NLMSG_ALIGN
    }
    return out;
}
/** The process events of a datagram (acks left out). */
export function parseProcEvents(buf, length) {
    return parseProcDatagram(buf, length).events;
}
