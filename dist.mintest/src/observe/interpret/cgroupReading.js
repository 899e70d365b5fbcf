import { parseCgroupLimit } from '../parse/cgroup.js';
import { formatMs, humanBytes, oneDecimal } from '../../format/units.js';
/** v2 files that hold a byte count (v1's end in _in_bytes). */
const V2_BYTE_FILES = new Set([
    'memory.max',
    'memory.high',
    'memory.low',
    'memory.min',
    'memory.current',
    'memory.peak',
    'memory.swap.max',
    'memory.swap.high',
    'memory.swap.current',
    'memory.swap.peak',
    'memory.zswap.max',
    'memory.zswap.current',
]);
/** Usage files and the limit file their share is computed against (v2 and v1 names). */
const LIMIT_OF = {
    'memory.current': 'memory.max',
    'memory.swap.current': 'memory.swap.max',
    'memory.usage_in_bytes': 'memory.limit_in_bytes',
    'memory.memsw.usage_in_bytes': 'memory.memsw.limit_in_bytes',
};
/** Keyed files: the pairs worth keeping when the whole value does not fit. */
const FOCUS_KEYS = {
    'memory.events': ['max', 'oom', 'oom_kill'],
    'memory.events.local': ['max', 'oom', 'oom_kill'],
    'memory.oom_control': ['under_oom', 'oom_kill'],
    'cpu.stat': ['nr_periods', 'nr_throttled', 'throttled_usec', 'throttled_time'],
    'pids.events': ['max'],
};
/** Which files stay on screen first when there is no room for all (after any alerting one). */
const PRIORITY = [
    ['memory.max', 'memory.limit_in_bytes'],
    ['memory.current', 'memory.usage_in_bytes'],
    ['memory.events', 'memory.oom_control'],
    ['cpu.max', 'cpu.cfs_quota_us'],
    ['cpu.stat'],
    ['pids.max'],
    ['pids.current'],
    ['pids.events', 'memory.failcnt'],
];
/** A usage share at or above this is a limit about to be hit. */
const NEAR_LIMIT = 0.9;
export function isByteFile(name) {
    return V2_BYTE_FILES.has(name) || /_in_bytes$/.test(name);
}
/**
 * A byte count as read: Infinity for no limit, null when it is not a count. v2 writes "max";
 * v1 writes the largest page count in bytes (9223372036854771712), which parseCgroupLimit knows.
 */
export function parseBytes(value) {
    const v = value.trim();
    if (v !== 'max' && !/^\d+$/.test(v))
        return null;
    return parseCgroupLimit(v) ?? Infinity;
}
/** `key value` lines as pairs, or null when the text is not made of them. */
export function parsePairs(value) {
    const lines = value
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0);
    if (lines.length === 0)
        return null;
    const out = [];
    for (const l of lines) {
        const m = /^(\S+)\s+(\S+)$/.exec(l);
        if (!m)
            return null;
        out.push([m[1], m[2]]);
    }
    return out;
}
const int = (s) => (s !== undefined && /^-?\d+$/.test(s.trim()) ? Number(s.trim()) : null);
/** A CPU quota as a share: `20% of a CPU`, `1.5 CPUs`. */
export function cpuShare(quota, period) {
    const f = quota / period;
    if (f < 1)
        return `${oneDecimal(f * 100)}% of a CPU`;
    return f === 1 ? '1 CPU' : `${oneDecimal(f)} CPUs`;
}
/** A counter above zero that says the kernel stepped in: an OOM kill (red), memory.max reached (yellow), throttling, a refused fork. */
export function pairAlert(file, key, n) {
    if (n <= 0)
        return null;
    if (file === 'memory.events' || file === 'memory.events.local' || file === 'memory.oom_control') {
        if (key === 'oom_kill' || key === 'oom' || key === 'under_oom' || key === 'oom_group_kill')
            return 'red';
        if (key === 'max')
            return 'yellow';
    }
    if (file === 'cpu.stat' && key === 'nr_throttled')
        return 'yellow';
    if (file === 'pids.events' && key === 'max')
        return 'red';
    return null;
}
const worse = (a, b) => (a === 'red' || b === 'red' ? 'red' : a ?? b);
/** cpu.stat: how many periods were throttled, and for how long (v2 in µs, v1 in ns). */
function throttling(get) {
    const notes = [];
    const periods = get('nr_periods');
    const throttled = get('nr_throttled');
    if (periods !== null && throttled !== null && periods > 0)
        notes.push(`${throttled} of ${periods} periods`);
    const usec = get('throttled_usec');
    const nsec = get('throttled_time');
    if (usec !== null && usec > 0)
        notes.push(`${formatMs(usec / 1000)} throttled`);
    else if (nsec !== null && nsec > 0)
        notes.push(`${formatMs(nsec / 1e6)} throttled`);
    return notes;
}
/** A CPU quota in µs per period: its share of a CPU and the two durations. */
function quotaNotes(quota, period) {
    return [cpuShare(quota, period), `${formatMs(quota / 1000)} every ${formatMs(period / 1000)}`];
}
/** Reads one file's value, with the other files of the same cgroup for limits and periods. */
export function interpretCgroupFile(file, all) {
    const byName = (n) => all.find((f) => f.name === n)?.value;
    const name = file.name;
    const raw = file.value.trim();
    const notes = file.meaning ? [file.meaning] : [];
    let alert = null;
    const shortPairs = [];
    let fraction;
    const found = FOCUS_KEYS[name] !== undefined || raw.includes('\n') ? parsePairs(raw) : null;
    const pairs = found?.map(([key, value]) => ({ key, value, alert: pairAlert(name, key, int(value) ?? 0) })) ?? null;
    if (pairs) {
        alert = pairs.reduce((a, p) => worse(a, p.alert), null);
        // shorter forms keep whole pairs, as read; the alerting ones are among the telling ones, so
        // as many of them is the same form
        const keep = FOCUS_KEYS[name] ?? [];
        const alerting = pairs.filter((p) => p.alert !== null);
        const focus = pairs.filter((p) => keep.includes(p.key) || p.alert !== null);
        for (const kept of [focus, alerting]) {
            if (kept.length > 0 && kept.length < pairs.length && shortPairs.every((s) => s.length !== kept.length))
                shortPairs.push(kept);
        }
        if (name === 'cpu.stat')
            notes.push(...throttling((k) => int(pairs.find((p) => p.key === k)?.value)));
    }
    else if (isByteFile(name)) {
        const bytes = parseBytes(raw);
        if (bytes === Infinity)
            notes.push('no limit');
        else if (bytes !== null) {
            notes.push(humanBytes(bytes));
            const limitName = LIMIT_OF[name];
            const limit = limitName ? parseBytes(byName(limitName) ?? '') : null;
            if (limit !== null && limit !== Infinity && limit > 0) {
                fraction = bytes / limit;
                notes.push(`${Math.round(fraction * 100)}% of ${limitName}`);
                if (fraction >= NEAR_LIMIT)
                    alert = 'yellow';
            }
        }
    }
    else if (name === 'cpu.max') {
        const [q, p] = raw.split(/\s+/);
        const quota = int(q);
        const period = int(p);
        if (q === 'max')
            notes.push('no limit');
        else if (quota !== null && period !== null && period > 0)
            notes.push(...quotaNotes(quota, period));
    }
    else if (name === 'cpu.cfs_quota_us') {
        const quota = int(raw);
        const period = int(byName('cpu.cfs_period_us'));
        if (quota !== null && quota < 0)
            notes.push('no limit');
        else if (quota !== null && period !== null && period > 0)
            notes.push(...quotaNotes(quota, period));
        else if (quota !== null)
            notes.push(`${formatMs(quota / 1000)} per period`);
    }
    else if (name === 'cpu.cfs_period_us') {
        const period = int(raw);
        if (period !== null)
            notes.push(formatMs(period / 1000));
    }
    else if (name === 'cpuacct.usage') {
        const ns = int(raw);
        if (ns !== null)
            notes.push(formatMs(ns / 1e6));
    }
    else if (name === 'pids.max') {
        if (raw === 'max')
            notes.push('no limit');
    }
    else if (name === 'pids.current') {
        const cur = int(raw);
        const max = int(byName('pids.max'));
        if (cur !== null && max !== null && cur >= max) {
            alert = 'yellow';
            notes.push('at pids.max: fork fails with EAGAIN');
        }
    }
    else if (name === 'memory.failcnt') {
        if ((int(raw) ?? 0) > 0)
            alert = 'yellow';
    }
    const p = PRIORITY.findIndex((names) => names.includes(name));
    const rank = p >= 0 ? p : alert ? PRIORITY.length : PRIORITY.length + 1;
    return { file, text: raw.replace(/\s*\n\s*/g, ' '), pairs, shortPairs, notes, alert, fraction, rank };
}
/**
 * The directories, as one pattern: one directory as it is; the same name in several v1
 * hierarchies as `/sys/fs/cgroup/*\/container-lab-1a2b` with their count. Null for none.
 */
export function cgroupPlace(dirs) {
    const unique = [...new Set(dirs.filter((d) => d.length > 0))];
    if (unique.length === 0)
        return null;
    if (unique.length === 1)
        return { pattern: unique[0], count: 1 };
    const parts = unique.map((d) => d.split('/'));
    let head = 0;
    while (parts.every((p) => p[head] !== undefined && p[head] === parts[0][head]))
        head++;
    let tail = 0;
    const at = (p, k) => p[p.length - 1 - k];
    while (tail < parts[0].length - head && parts.every((p) => p.length - tail > head && at(p, tail) === at(parts[0], tail)))
        tail++;
    const pattern = tail > 0 ? [...parts[0].slice(0, head), '*', ...parts[0].slice(parts[0].length - tail)].join('/') : `${unique[0]} +${unique.length - 1} more`;
    return { pattern, count: unique.length };
}
/** Every file of the lab cgroup read, and where they live. */
export function interpretCgroup(files) {
    const all = files ?? [];
    return { files: all.map((f) => interpretCgroupFile(f, all)), place: cgroupPlace(all.map((f) => f.dir)) };
}
