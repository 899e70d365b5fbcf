/** The placeholders a recording shows instead. */
export const PACKAGE_MARK = '<container-lab>';
export const HOME_MARK = '~';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Where a path starts: not inside a longer one (/proc/<pid>/root, /proc/12/root), but after a colour code. */
const START = '(?:(?<=\\u001b\\[[0-9;]*m)|(?<![\\w.\\-/<>~@]))';
/**
 * A function that replaces each path by its placeholder where it is a whole path or a path's
 * leading part: not inside a longer path (HOME=/root leaves /proc/<pid>/root alone), and not
 * followed by more of a file name (/home/al is not taken out of /home/alice); longer paths first,
 * since the package may sit inside the home directory. "/" and relative values are left alone.
 */
export function scrubber(paths) {
    const rules = [
        { path: paths.packageRoot, mark: PACKAGE_MARK },
        { path: paths.home, mark: HOME_MARK },
    ]
        .filter((r) => typeof r.path === 'string' && r.path.startsWith('/') && r.path.replace(/\/+$/, '') !== '')
        .map((r) => ({ re: new RegExp(`${START}${escape(r.path.replace(/\/+$/, ''))}(?![\\w.-])`, 'g'), mark: r.mark }))
        .sort((a, b) => b.re.source.length - a.re.source.length);
    return (text) => rules.reduce((t, r) => t.replace(r.re, r.mark), text);
}
/** Every string inside a JSON-shaped value, scrubbed. */
export function scrubDeep(value, scrub) {
    if (typeof value === 'string')
        return scrub(value);
    if (Array.isArray(value))
        return value.map((v) => scrubDeep(v, scrub));
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value))
            out[k] = scrubDeep(v, scrub);
        return out;
    }
    return value;
}
/** The lesson as a recording keeps it: its file by name only (where it lay is this host's business). */
export function recordedLesson(lesson, scrub) {
    const name = lesson.file.split('/').pop() ?? lesson.file;
    // a replay checks nothing the learner does: its lesson carries no tasks
    return scrubDeep({ ...lesson, file: name, steps: lesson.steps.map((s) => ({ ...s, tasks: [] })) }, scrub);
}
