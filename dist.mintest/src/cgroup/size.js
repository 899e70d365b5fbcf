// Byte sizes as lessons write them ("32m", "2M", 4096) and as the panel and output print them.
const UNITS = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
/** "32m" → 33554432. The suffixes are binary, as in memory.max and memory.limit_in_bytes. */
export function parseSize(value) {
    if (typeof value === 'number')
        return value;
    const m = /^(\d+)([kmg]?)$/i.exec(value.trim());
    if (!m)
        throw new Error(`not a size: ${JSON.stringify(value)} (expected e.g. 32m, 512k or a byte count)`);
    return Number(m[1]) * UNITS[m[2].toLowerCase()];
}
/** 33554432 → "32.0 MiB" */
export function mib(bytes) {
    return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
