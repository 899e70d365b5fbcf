// A line of styled pieces (text with colour, bold, dim) as plain data, measured before it is drawn.
/** Columns the pieces take (code points; the lab's text is not East Asian wide). */
export function segWidth(segs) {
    return segs.reduce((n, s) => n + [...s.text].length, 0);
}
/** The pieces as plain text. */
export function segText(segs) {
    return segs.map((s) => s.text).join('');
}
