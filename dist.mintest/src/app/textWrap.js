// Plain and ANSI-aware word wrapping and width measuring for terminal text.
const SGR = /\u001b\[[0-9;]*m/g;
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
/** Text with escape sequences removed. */
export function stripAnsi(text) {
    return text.replace(ESCAPES, '');
}
/** Columns a string takes (code points; the lab's text is not East Asian wide). */
export function visibleLength(text) {
    return [...stripAnsi(text)].length;
}
/**
 * Word-wrap plain text to `width` columns. Newlines are kept; words longer than a line are cut.
 * `indent` is put before continuation lines.
 */
export function wrapPlain(text, width, indent = '') {
    const w = Math.max(1, width);
    const ind = [...indent].length < w ? indent : '';
    const len = (s) => [...s].length;
    const out = [];
    for (const para of text.replace(/\t/g, '  ').split('\n')) {
        const words = para.split(' ').filter((x) => x.length > 0);
        if (words.length === 0) {
            out.push('');
            continue;
        }
        let prefix = '';
        let line = '';
        const room = () => Math.max(1, w - len(prefix));
        const flush = () => {
            out.push(prefix + line);
            prefix = ind;
            line = '';
        };
        for (let word of words) {
            if (line !== '') {
                if (len(line) + 1 + len(word) <= room()) {
                    line += ' ' + word;
                    continue;
                }
                flush();
            }
            if (len(word) > room()) {
                // a long word is cut in pieces from one array of its characters: linear, however long
                const chars = [...word];
                let at = 0;
                while (chars.length - at > room()) {
                    line = chars.slice(at, at + room()).join('');
                    at += room();
                    flush();
                }
                word = chars.slice(at).join('');
            }
            line = word;
        }
        flush();
    }
    return out;
}
/**
 * Wrap one line that may hold SGR colour codes, keeping the codes attached to their words.
 * Continuation lines get `hang` spaces of indent (e.g. to line up under a list bullet).
 */
export function wrapAnsiLine(line, width, hang = 0) {
    if (visibleLength(line) <= width)
        return [line];
    const pad = ' '.repeat(Math.min(hang, Math.max(0, width - 10)));
    const words = line.split(' ');
    // leading spaces (and codes before the first visible word) stay on the first line as they are
    let k = words.findIndex((w) => visibleLength(w) > 0);
    if (k < 0)
        k = words.length - 1;
    const out = [];
    let cur = words.slice(0, k + 1).join(' ');
    let curLen = visibleLength(cur);
    for (const word of words.slice(k + 1)) {
        const wl = visibleLength(word);
        if (curLen + 1 + wl <= width || curLen <= pad.length) {
            cur += ' ' + word;
            curLen += 1 + wl;
        }
        else {
            out.push(cur);
            cur = pad + word;
            curLen = pad.length + wl;
        }
    }
    out.push(cur);
    return out;
}
/**
 * Make every line carry the colour state it starts in: SGR codes opened on earlier lines
 * (and not reset since) are repeated at the start of the next line.
 */
export function carrySgr(lines) {
    let active = [];
    return lines.map((line) => {
        const prefix = active.join('');
        for (const code of line.match(SGR) ?? []) {
            if (code === '\u001b[0m' || code === '\u001b[m')
                active = [];
            else
                active.push(code);
        }
        if (active.length > 24)
            active = active.slice(-24);
        return prefix + line;
    });
}
