// Where this user's progress file is, and whose it is: under sudo, the invoking user's (home from the passwd file, not $HOME).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
/** A user's home directory from passwd(5) lines (name:pw:uid:gid:gecos:home:shell), or null. */
export function homeFromPasswd(text, user) {
    for (const line of text.split('\n')) {
        const fields = line.split(':');
        if (fields.length >= 7 && fields[0] === user && fields[5].startsWith('/'))
            return fields[5];
    }
    return null;
}
const ID = /^(0|[1-9][0-9]*)$/;
/**
 * $XDG_STATE_HOME/container-lab/progress.json, else ~/.local/state/container-lab/progress.json.
 * As root through sudo (SUDO_UID, SUDO_GID and SUDO_USER set) the invoking user's: their home from
 * the passwd file (sudo may keep or reset HOME and XDG_STATE_HOME, so neither is trusted then).
 */
export function progressLocation(o = {}) {
    const env = o.env ?? process.env;
    const euid = o.euid ?? process.geteuid?.() ?? 0;
    const { SUDO_UID: uid, SUDO_GID: gid, SUDO_USER: user } = env;
    if (euid === 0 && uid && gid && user && ID.test(uid) && ID.test(gid) && uid !== '0') {
        let home = null;
        try {
            home = homeFromPasswd(readFileSync(o.passwd ?? '/etc/passwd', 'utf8'), user);
        }
        catch {
            home = null;
        }
        if (home === null)
            throw new Error(`cannot find ${user}'s home directory in ${o.passwd ?? '/etc/passwd'}: progress is not kept`);
        return { file: join(home, '.local', 'state', 'container-lab', 'progress.json'), owner: { uid: Number(uid), gid: Number(gid) } };
    }
    const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(env.HOME || homedir(), '.local', 'state');
    return { file: join(base, 'container-lab', 'progress.json'), owner: null };
}
