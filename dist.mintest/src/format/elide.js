// Cuts the middle out of a piece of text so it fits a width, keeping its head, its tail and its quotes.
/** Cut the middle out of `arg` so it is `target` columns, keeping quotes around strings. */
export function elideMiddle(arg, target) {
    const chars = [...arg];
    if (chars.length <= target)
        return arg;
    const quoted = chars.length >= 2 && chars[0] === '"' && chars[chars.length - 1] === '"';
    const inner = quoted ? chars.slice(1, -1) : chars;
    const keep = Math.max(2, target - (quoted ? 2 : 0) - 1);
    const head = Math.ceil(keep / 2);
    const tail = keep - head;
    const cut = inner.slice(0, head).join('') + '…' + (tail > 0 ? inner.slice(inner.length - tail).join('') : '');
    return quoted ? `"${cut}"` : cut;
}
