// Parses /proc/<pid>/uid_map and gid_map and translates ids through them (user_namespaces(7)).
/*
 * Each line is "ID-inside-ns ID-outside-ns length". The outside column is relative to the reader:
 * if the process opening the file is in the same user namespace as <pid>, it is an id of the
 * parent namespace; otherwise it is an id of the reader's own namespace (user_namespaces(7)).
 * A namespace whose map was never written has an empty file.
 */
export function parseIdMap(text) {
    const out = [];
    for (const [i, raw] of text.split('\n').entries()) {
        const line = raw.trim();
        if (line === '')
            continue;
        const parts = line.split(/\s+/);
        if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) {
            throw new Error(`id map line ${i + 1}: expected "inside outside count", got ${JSON.stringify(raw)}`);
        }
        const [inside, outside, count] = parts.map(Number);
        out.push({ inside, outside, count });
    }
    return out;
}
/** The id inside the namespace for an id outside it, or null when the map does not cover it. */
export function mapOutsideToInside(id, map) {
    for (const e of map) {
        if (id >= e.outside && id - e.outside < e.count)
            return e.inside + (id - e.outside);
    }
    return null;
}
/** The id outside the namespace for an id inside it, or null when the map does not cover it. */
export function mapInsideToOutside(id, map) {
    for (const e of map) {
        if (id >= e.inside && id - e.inside < e.count)
            return e.outside + (id - e.inside);
    }
    return null;
}
