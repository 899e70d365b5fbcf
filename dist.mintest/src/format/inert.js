// Text from outside the lab made inert for a terminal: control characters and bidi overrides shown escaped.
/**
 * What a terminal would act on instead of print: C0 controls except newline and tab (ESC starts
 * escape sequences, OSC ones retitle the window or write the clipboard; CR overprints a line),
 * DEL, C1 controls (U+009B is a one-character CSI to some terminals), and the bidi embeddings,
 * overrides and isolates that make text read differently from what it is.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_ONE = new RegExp(UNSAFE.source);
const NAMED = { '\r': '\\r', '\u001b': '\\x1b' };
function escapeOne(ch) {
    const named = NAMED[ch];
    if (named)
        return named;
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
/** `text` with every unsafe character written as an escape (`\x1b`, `\r`, `\u202e`); idempotent. */
export function inert(text) {
    return UNSAFE_ONE.test(text) ? text.replace(UNSAFE, escapeOne) : text;
}
/** True when `text` holds nothing a terminal would interpret. */
export function isInert(text) {
    return !UNSAFE_ONE.test(text);
}
/**
 * Every string in a JSON-like value (keys too) made inert; other values as they are. A value
 * with nothing to change comes back as the same object.
 */
export function inertDeep(value) {
    if (typeof value === 'string')
        return inert(value);
    if (Array.isArray(value)) {
        let changed = false;
        const out = value.map((v) => {
            const w = inertDeep(v);
            if (w !== v)
                changed = true;
            return w;
        });
        return (changed ? out : value);
    }
    if (isPlainObject(value)) {
        let changed = false;
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            const key = inert(k);
            const w = inertDeep(v);
            if (key !== k || w !== v)
                changed = true;
            out[key] = w;
        }
        return (changed ? out : value);
    }
    return value;
}
function isPlainObject(value) {
    if (value === null || typeof value !== 'object')
        return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}
