// Whether this host has the chain programs a lesson needs, and if not, what to install in its distribution's words.
import { whichProgram } from '../../native/findProgram.js';
import { hostOsRelease, installHint } from './installHint.js';
/** null when every program is on PATH; else "needs dockerd, containerd: sudo apt-get install …". */
export function missingPrograms(requires, find = whichProgram, os = hostOsRelease) {
    const missing = requires.filter((name) => find(name) === null);
    if (missing.length === 0)
        return null;
    return `needs ${missing.join(', ')} (not installed): ${installHint(os())}`;
}
