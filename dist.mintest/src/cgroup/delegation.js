// Whether this user may make cgroups without root: a cgroup v2 subtree systemd delegates to the user's manager.
import { join } from 'node:path';
import { realSys } from '../sys/real.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { detectCgroupLayout } from '../observe/parse/cgroupLayout.js';
import { systemdBooted } from './systemdScope.js';
import { asRoot, startAsRoot } from '../format/asRoot.js';
/** The controllers the cgroups lesson limits. */
export const LESSON_CONTROLLERS = ['cpu', 'memory', 'pids'];
const no = (reason, fix) => ({ ok: false, reason, fix });
/** `via`: how this user gets root, so a fix never advises a sudo that is not installed. */
export function rootlessCgroupDelegation(root = '/', uid = process.getuid?.() ?? 0, fs = realSys, via = 'sudo') {
    const asRootHere = (command) => asRoot(command, via);
    const dropIn = `${via === 'root' ? '' : via === 'sudo' ? 'with sudo, ' : 'as root (su -), '}create /etc/systemd/system/user@.service.d/delegate.conf with the two lines "[Service]" and "Delegate=${LESSON_CONTROLLERS.join(' ')}", `
        + `run ${asRootHere('systemctl daemon-reload')}, then log out and in again`;
    const orRoot = `or ${startAsRoot(via)}`;
    let layout;
    try {
        layout = detectCgroupLayout(parseMountinfo(fs.readFile(join(root, 'proc/self/mountinfo'))));
    }
    catch {
        return no('cannot read /proc/self/mountinfo', 'mount /proc');
    }
    if (layout.mode !== 'v2') {
        return no(`this host has cgroup ${layout.mode} (controllers on cgroup v1 hierarchies): without root no cgroup can be made`, `boot with pure cgroup v2 (kernel option systemd.unified_cgroup_hierarchy=1, the default since systemd 247), ${orRoot}`);
    }
    if (!systemdBooted(fs, root))
        return no('systemd is not the init system here, so nothing delegates a cgroup subtree to users', startAsRoot(via));
    const own = /^0::(.*)$/m.exec(fs.readFile(join(root, 'proc/self/cgroup')))?.[1] ?? '';
    const slice = new RegExp(`^(.*/user-${uid}\\.slice)(/|$)`).exec(own)?.[1];
    if (!slice)
        return no(`this process is in ${own || 'no cgroup'}, outside user-${uid}.slice, so no delegated subtree of yours is near`, `log in as this user through a login manager or ssh (pam_systemd), ${orRoot}`);
    const dir = join(root, layout.v2Mount, slice, `user@${uid}.service`);
    if (!fs.exists(dir))
        return no(`your systemd user manager (user@${uid}.service) is not running`, `log in again, or keep your manager running: ${asRootHere(`loginctl enable-linger ${uid}`)}`);
    for (const file of ['cgroup.procs', 'cgroup.subtree_control']) {
        const st = fs.lstat(join(dir, file));
        if (st.uid !== uid || (st.mode & 0o200) === 0)
            return no(`user@${uid}.service/${file} is not yours (uid ${st.uid}): systemd does not delegate it`, dropIn);
    }
    const controllers = fs.readFile(join(dir, 'cgroup.controllers')).split(/\s+/).filter(Boolean);
    const missing = LESSON_CONTROLLERS.filter((c) => !controllers.includes(c));
    if (missing.length > 0) {
        return no(`systemd delegates ${controllers.join(' ') || 'no controller'} to user@${uid}.service; the cgroups lesson also needs ${missing.join(' ')}`, dropIn);
    }
    // the lab asks the user manager for its scope over the user's bus (busctl --user)
    if (!fs.exists(join(root, `run/user/${uid}/bus`)))
        return no(`your user manager has no D-Bus socket (/run/user/${uid}/bus)`, `${asRootHere('apt-get install dbus-user-session')} (Debian, Ubuntu), then log out and in`);
    return { ok: true, dir, controllers };
}
