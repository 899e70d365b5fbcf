import { elideMiddle } from './elide.js';
/** Shortest an argument is cut down to when fitting a line into a width. */
const MIN_ARG = 9;
/** True when the call failed: strace prints `= -1 ERRNO (message)`. */
export function syscallFailed(entry) {
    return entry.errno !== undefined || entry.ret.trim().startsWith('-');
}
/** The part after the arguments: `= 0`, `= -1 EPERM (Operation not permitted)`. */
export function formatResult(entry) {
    let s = `= ${entry.ret}`;
    if (entry.errno)
        s += ` ${entry.errno}`;
    if (entry.message)
        s += ` (${entry.message})`;
    return s;
}
const len = (s) => [...s].length;
/**
 * `mount("tmpfs", "/run/x", "tmpfs", 0, "size=4m") = -1 EPERM (Operation not permitted)`.
 * With `width`, a long line is fitted by eliding the middle of its longest arguments; if that
 * is not enough, the timing and then the strerror text go before the arguments get cut short.
 */
export function formatSyscall(entry, opts = {}) {
    const prefix = opts.pid && entry.pid !== undefined ? `[pid ${entry.pid}] ` : '';
    const timing = opts.timing && entry.ms !== undefined ? ` <${(entry.ms / 1000).toFixed(6)}>` : '';
    const suffix = (message, time) => ` ${formatResult(message ? entry : { ...entry, message: undefined })}${time ? timing : ''}`;
    const full = build(prefix, entry, entry.args, suffix(true, true));
    const width = opts.width;
    if (width === undefined || len(full) <= width)
        return full;
    // give up, in this order: argument length, the timing, the strerror text, more argument length
    const attempts = [
        [true, true, 24],
        [true, false, 24],
        [false, false, 24],
        [false, false, MIN_ARG],
    ];
    let best = full;
    for (const [message, time, min] of attempts) {
        const line = fit(prefix, entry, suffix(message, time), width, min);
        if (len(line) <= width)
            return line;
        if (len(line) < len(best))
            best = line;
    }
    return best;
}
function build(prefix, entry, args, suffix) {
    return `${prefix}${entry.call}(${args.join(', ')})${suffix}`;
}
/** Shorten the longest arguments, none below `min` columns, until the line fits `width`. */
function fit(prefix, entry, suffix, width, min) {
    const args = [...entry.args];
    let line = build(prefix, entry, args, suffix);
    for (let guard = 0; len(line) > width && guard < 64; guard++) {
        let idx = -1;
        let longest = min;
        args.forEach((a, i) => {
            if (len(a) > longest) {
                longest = len(a);
                idx = i;
            }
        });
        if (idx < 0)
            break;
        const excess = len(line) - width;
        args[idx] = elideMiddle(args[idx], Math.max(min, longest - excess));
        line = build(prefix, entry, args, suffix);
    }
    return line;
}
