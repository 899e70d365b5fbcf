// Parses /proc/<pid>/stat (proc(5)): the process's name, state, parent and start time, by their proc(5) field names.
/** The numeric fields after `state`, in proc(5)'s order (field 4 onwards). */
const AFTER_STATE = [
    'ppid',
    'pgrp',
    'session',
    'ttyNr',
    'tpgid',
    'flags',
    'minflt',
    'cminflt',
    'majflt',
    'cmajflt',
    'utime',
    'stime',
    'cutime',
    'cstime',
    'priority',
    'nice',
    'numThreads',
    'itrealvalue',
    'starttime',
    'vsize',
    'rss',
];
/**
 * "1234 (runc:[2:INIT]) S 1200 …". The name sits between the first "(" and the LAST ")": a
 * process can name itself "a) b (c" (prctl(PR_SET_NAME)), so no other ")" can be trusted. Null
 * for text that is not a stat line.
 */
export function parseProcStat(text) {
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    if (open === -1 || close < open)
        return null;
    const rest = text.slice(close + 2).trim().split(' ');
    const out = { pid: Number(text.slice(0, open).trim()), comm: text.slice(open + 1, close), state: rest[0] ?? '', ppid: 0 };
    AFTER_STATE.forEach((name, i) => {
        const n = Number(rest[i + 1]);
        if (rest[i + 1] !== undefined && Number.isInteger(n))
            out[name] = n;
    });
    return out;
}
/** Z (zombie) and X (dead) have exited, whatever /proc still shows of them. */
export function hasExited(stat) {
    return stat.state === 'Z' || stat.state === 'X';
}
