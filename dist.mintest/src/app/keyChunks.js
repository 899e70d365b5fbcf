const NO_KEY = {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
};
/** Ink's keys for the control characters a chunk may hold, as it names them when they come alone. */
const CONTROL = { '\r': { return: true }, '\n': { return: true }, '\t': { tab: true }, '\b': { backspace: true }, '\u007F': { delete: true } };
/**
 * Ink hands a run of plain characters over as one input ("g6\r" when g, 6 and Enter come
 * together); this splits it into the presses a key table matches one at a time. Escape
 * sequences Ink already splits; a single key, or one with Ctrl or Meta, is left as it is.
 */
export function pressesOf(input, key) {
    const chars = [...input];
    if (chars.length <= 1 || key.ctrl || key.meta)
        return [[input, key]];
    return chars.map((c) => (CONTROL[c] ? ['', { ...NO_KEY, ...CONTROL[c] }] : [c, { ...NO_KEY, shift: /[A-Z]/.test(c) }]));
}
