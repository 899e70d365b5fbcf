import { unescapeOctal } from './mountinfo.js';
/** Splits on `sep` where it is not escaped with a backslash. */
function splitUnescaped(text, sep) {
    const out = [];
    let current = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\\' && i + 1 < text.length) {
            current += c + text[i + 1];
            i++;
        }
        else if (c === sep) {
            out.push(current);
            current = '';
        }
        else {
            current += c;
        }
    }
    out.push(current);
    return out;
}
/** overlayfs escapes ',' ':' and '\' in its option values with a backslash (after octal unescaping). */
function unbackslash(text) {
    return text.replace(/\\(.)/g, '$1');
}
/**
 * overlayfs.rst "Multiple lower layers": `lowerdir=top:...:bottom` (a "::" separates the data-only
 * layers, which are never visible as files); newer kernels may print one `lowerdir+=` per layer
 * and `datadir+=` for data-only ones. Data-only layers are left out: nothing in them shows in
 * the merged directory. Returns null for text with no lowerdir.
 */
export function parseOverlayOptions(superOptions) {
    const lower = [];
    let upper = null;
    let work = null;
    let userxattr = false;
    let sawLower = false;
    // mountinfo writes space, tab, newline, backslash (and here ',') as \ooo; below that layer,
    // overlayfs has put a backslash before each ',' ':' '\' that is part of a path.
    for (const option of splitUnescaped(unescapeOctal(superOptions), ',')) {
        const eq = option.indexOf('=');
        if (option === 'userxattr')
            userxattr = true;
        if (eq < 0)
            continue;
        const key = option.slice(0, eq);
        const value = option.slice(eq + 1);
        if (key === 'lowerdir') {
            sawLower = true;
            const parts = splitUnescaped(value, ':');
            const dataOnly = parts.indexOf('');
            lower.push(...(dataOnly < 0 ? parts : parts.slice(0, dataOnly)).map(unbackslash));
        }
        else if (key === 'lowerdir+') {
            sawLower = true;
            lower.push(unbackslash(value));
        }
        else if (key === 'upperdir') {
            upper = unbackslash(value);
        }
        else if (key === 'workdir') {
            work = unbackslash(value);
        }
    }
    if (!sawLower)
        return null;
    return userxattr ? { lower, upper, work, userxattr } : { lower, upper, work };
}
/** The overlay mounts of a mount table, with their parsed options. */
export function overlayMounts(mounts) {
    const out = [];
    for (const mount of mounts) {
        if (mount.fsType !== 'overlay')
            continue;
        const options = parseOverlayOptions(mount.superOptions);
        if (options)
            out.push({ mount, options });
    }
    return out;
}
