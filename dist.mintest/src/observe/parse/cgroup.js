/*
 * One line per hierarchy: "hierarchy-ID:controller-list:cgroup-path". The v2 hierarchy is
 * "0::<path>"; v1 lists controllers ("4:memory:/x", "1:cpu,cpuacct:/x") or a named hierarchy
 * ("9:name=systemd:/"). The path is relative to the reader's cgroup namespace root, and may hold
 * ':' itself, so only the first two colons split (cgroups(7), cgroup_namespaces(7)).
 */
export function parseProcCgroup(text) {
    const out = [];
    for (const [i, line] of text.split('\n').entries()) {
        if (line.trim() === '')
            continue;
        const a = line.indexOf(':');
        const b = a < 0 ? -1 : line.indexOf(':', a + 1);
        const id = line.slice(0, a);
        if (b < 0 || !/^\d+$/.test(id)) {
            throw new Error(`cgroup line ${i + 1}: expected "id:controllers:path", got ${JSON.stringify(line)}`);
        }
        const list = line.slice(a + 1, b);
        out.push({ hierarchyId: Number(id), controllers: list === '' ? [] : list.split(','), path: line.slice(b + 1) });
    }
    return out;
}
/*
 * Flat keyed files: memory.events, memory.stat, cpu.stat, pids.events, memory.oom_control.
 * Values are u64; above 2^53 (v1's hierarchical_memory_limit when unlimited) a JS number
 * keeps only about 16 significant digits.
 */
export function parseCgroupKeyValue(text) {
    const out = {};
    for (const [i, line] of text.split('\n').entries()) {
        if (line.trim() === '')
            continue;
        const m = /^(\S+) (-?\d+)$/.exec(line.trim());
        if (!m)
            throw new Error(`line ${i + 1}: expected "key number", got ${JSON.stringify(line)}`);
        out[m[1]] = Number(m[2]);
    }
    return out;
}
/* v1 memory's "no limit" is PAGE_COUNTER_MAX pages: LONG_MAX rounded down to the page size
 * (9223372036854771712 with 4 KiB pages). Any value within 64 KiB of LONG_MAX is that. */
const V1_MEMORY_UNLIMITED_FLOOR = 2n ** 63n - 1n - 65536n;
/*
 * A single limit: v2 and v1 pids write "max" for none; v1 cpu.cfs_quota_us writes -1; v1
 * memory.*limit_in_bytes writes a page-rounded LONG_MAX. All three mean "no limit" → null.
 */
export function parseCgroupLimit(text) {
    const t = text.trim();
    if (t === 'max' || t === '-1')
        return null;
    if (!/^\d+$/.test(t))
        throw new Error(`expected a number or "max", got ${JSON.stringify(text)}`);
    if (BigInt(t) >= V1_MEMORY_UNLIMITED_FLOOR)
        return null;
    return Number(t);
}
/** v2 cpu.max: "$MAX $PERIOD" in microseconds, "max" for no quota (cgroup-v2 docs). */
export function parseCpuMax(text) {
    const m = /^(max|\d+) (\d+)$/.exec(text.trim());
    if (!m)
        throw new Error(`cpu.max: expected "max|quota period", got ${JSON.stringify(text)}`);
    return { quotaUs: m[1] === 'max' ? null : Number(m[1]), periodUs: Number(m[2]) };
}
