/** The step whose slide and results are on screen: the last one that ran, or -1 before any. */
export function focusIndex(state) {
    for (let i = state.steps.length - 1; i >= 0; i--) {
        if (state.steps[i] && state.steps[i].status !== 'pending')
            return i;
    }
    return -1;
}
/** Every call made by the steps that ran, oldest first. */
export function collectLog(state) {
    const focus = focusIndex(state);
    const out = [];
    state.steps.forEach((run, step) => {
        if (!run || run.status === 'pending')
            return;
        for (const entry of run.log)
            out.push({ entry, step, latest: step === focus });
    });
    return out;
}
/** Propagation of a mount from mountinfo's optional fields: `shared:1`, `master:3`, `private`. */
export function propagation(mount) {
    const fields = mount.optionalFields.filter((f) => f.length > 0);
    return fields.length === 0 ? 'private' : fields.join(' ');
}
/** The PIDs of a process inside its namespaces, innermost last: `1`, `7↔1`, or `–` for a host process. */
export function innerPids(p) {
    return p.nsPids.length > 1 ? p.nsPids.slice(1).join('↔') : '–';
}
/** What a process runs: its command line, or its name when that is empty (kernel threads, zombies). */
export function commandOf(p) {
    const c = p.cmdline.trim();
    return c.length > 0 ? c : `[${p.name}]`;
}
/** A message from anything thrown. */
export function errorText(e) {
    if (e instanceof Error)
        return e.message || e.name;
    return String(e);
}
/** The slide without its first heading when that only repeats `title` (the screen shows the title). */
export function stripTitleHeading(md, title) {
    const lines = md.split('\n');
    const i = lines.findIndex((l) => l.trim().length > 0);
    if (i < 0)
        return md;
    const m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(lines[i]);
    const norm = (s) => s.replace(/[`*_]/g, '').trim().toLowerCase();
    if (!m || norm(m[1]) !== norm(title))
        return md;
    return lines
        .slice(i + 1)
        .join('\n')
        .replace(/^\s*\n/, '');
}
