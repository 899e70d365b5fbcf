/** The change each kind of upperdir entry makes, in words. */
export const CHANGE_MEANING = {
    added: 'new or copied up',
    whiteout: 'whiteout (hides a lower file)',
    opaque: 'opaque (hides the lower dir)',
};
const CHANGE_OF = { file: 'added', dir: 'added', symlink: 'added', whiteout: 'whiteout', opaque: 'opaque' };
const NOTE_OF = { file: null, dir: null, symlink: 'symlink', whiteout: 'whiteout 0:0', opaque: 'opaque dir' };
const RANK_OF = { whiteout: 0, opaque: 1, file: 2, symlink: 2, dir: 3 };
/** Two or more overlays stacked on the very same lower layers. */
export function lowersShared(overlays) {
    if (overlays.length < 2)
        return false;
    const first = overlays[0].lower;
    return overlays.every((o) => o.lower.length === first.length && o.lower.every((l, i) => l === first[i]));
}
/**
 * The directory every path of the overlays lives under (ending in "/"), when it says something:
 * at least two levels deep, and no path is the directory itself. Empty otherwise.
 */
export function commonDir(paths) {
    const abs = paths.filter((p) => p.startsWith('/'));
    if (abs.length === 0 || abs.length !== paths.length)
        return '';
    const split = abs.map((p) => p.split('/').slice(0, -1));
    let n = 0;
    while (split.every((s) => s[n] !== undefined && s[n] === split[0][n]))
        n++;
    const dir = split[0].slice(0, n).join('/');
    return n >= 3 ? `${dir}/` : '';
}
/** A lower layer's place in the stack: the first is the top, the last is the base. */
export function layerRole(index, count) {
    if (index === count - 1)
        return 'base';
    return index === 0 ? 'top' : '';
}
/** Upperdir entries as changes to the merged view, paths relative to `upper`. */
export function upperEntries(entries, upper) {
    return entries.map((e) => {
        let path = e.path.startsWith(`${upper}/`) ? e.path.slice(upper.length + 1) : e.path;
        path = path.replace(/^\/+/, '');
        if ((e.kind === 'dir' || e.kind === 'opaque') && !path.endsWith('/'))
            path += '/';
        return { path, kind: e.kind, change: CHANGE_OF[e.kind], note: NOTE_OF[e.kind], rank: RANK_OF[e.kind] };
    });
}
/** The overlays as the panel shows them: paths under the directory they share, lowers by role, entries by change. */
export function interpretLayers(overlays) {
    const all = overlays ?? [];
    const dir = commonDir(all.flatMap((o) => [o.merged, o.upper, o.work, ...o.lower]));
    const rel = (p) => (dir && p.startsWith(dir) ? p.slice(dir.length) : p);
    const present = new Set(all.flatMap((o) => o.upperEntries.map((e) => CHANGE_OF[e.kind])));
    return {
        overlays: all.map((o) => ({
            merged: rel(o.merged),
            upper: rel(o.upper),
            work: rel(o.work),
            lower: o.lower.map((path, i) => ({ path: rel(path), role: layerRole(i, o.lower.length) })),
            entries: upperEntries(o.upperEntries, o.upper),
        })),
        dir,
        lowersShared: lowersShared(all),
        changes: Object.keys(CHANGE_MEANING).filter((c) => present.has(c)),
    };
}
