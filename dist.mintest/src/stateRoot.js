// Where the lab keeps its state (per user), and whose a directory there is: light enough for the app and the notes viewer (no native code).
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readProcStat } from './observe/procStat.js';
import { hasExited as statHasExited } from './observe/parse/stat.js';
/**
 * /run/container-lab as root; $XDG_RUNTIME_DIR/container-lab rootless (never a guessable /tmp
 * path); CONTAINER_LAB_STATE_DIR overrides both (the noexec kernel test uses it).
 */
export function stateRoot(euid = process.geteuid?.() ?? 0, env = process.env) {
    if (env.CONTAINER_LAB_STATE_DIR)
        return env.CONTAINER_LAB_STATE_DIR;
    if (euid === 0)
        return '/run/container-lab';
    return join(env.XDG_RUNTIME_DIR || tmpdir(), `container-lab-${euid}`);
}
/** Start time of a process in clock ticks since boot (proc(5) stat field 22): PID + this is unique. */
export function processStartTime(pid, root = '/') {
    const start = readProcStat(root, pid)?.starttime;
    return start === undefined ? null : String(start);
}
/**
 * Without $XDG_RUNTIME_DIR the root is /tmp/container-lab-<uid>, a name anyone can guess: like
 * tmux's socket directory, it is used only if it is a real directory (not a symlink) that we
 * own and nobody else can enter.
 */
export function ensurePrivateRoot(root) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    const st = lstatSync(root);
    const uid = process.geteuid?.() ?? 0;
    if (!st.isDirectory() || st.uid !== uid) {
        throw new Error(`${root} is not a directory of uid ${uid}: refusing to keep lab state there (remove it, or set XDG_RUNTIME_DIR)`);
    }
    if ((st.mode & 0o077) !== 0)
        chmodSync(root, 0o700);
}
/** proc(5) stat field 3: Z (zombie) and X (dead) have exited, whatever /proc still shows. */
function hasExited(pid, root = '/') {
    const stat = readProcStat(root, pid);
    return stat === null || statHasExited(stat);
}
/** The helper that made the session: its PID and start time, from the `owner` file. */
export function sessionOwner(dir) {
    try {
        const [pid, start = ''] = readFileSync(join(dir, 'owner'), 'utf8').trim().split(' ');
        // no start time: written where there is no /proc (macOS, a replay's notes); on Linux it is always there
        if (!/^[1-9][0-9]*$/.test(pid) || (!start && hasProc()))
            return null;
        return { pid: Number(pid), start };
    }
    catch {
        return null;
    }
}
/** A session is alive while the helper that made it runs (same PID and start time, not a zombie). */
export function sessionIsAlive(dir) {
    const owner = sessionOwner(dir);
    if (owner === null)
        return false;
    if (owner.start === '')
        return pidExists(owner.pid);
    return processStartTime(owner.pid) === owner.start && !hasExited(owner.pid);
}
const hasProc = () => existsSync('/proc/self/stat');
/** Without /proc only the PID can be asked after (kill(2) with signal 0; EPERM: it exists, not ours). */
function pidExists(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
