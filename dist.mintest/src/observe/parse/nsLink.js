// Parses the target of a /proc/<pid>/ns/<type> symlink, e.g. "uts:[4026531838]".
import { NS_TYPES } from '../../types.js';
/** null when the text is not "<type>:[<inode>]" for a namespace type this app knows. */
export function parseNsLink(linkText) {
    const m = /^([a-z_]+):\[(\d+)\]$/.exec(linkText.trim());
    if (!m)
        return null;
    const type = m[1];
    if (!NS_TYPES.includes(type))
        return null;
    return { type, inode: Number(m[2]) };
}
