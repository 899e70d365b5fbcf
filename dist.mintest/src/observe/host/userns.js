import { asRoot } from '../../format/asRoot.js';
/*
 * Checked in the order the kernel applies them:
 * - user.max_user_namespaces=0: every new user namespace fails with ENOSPC (user_namespaces(7)).
 * - kernel.unprivileged_userns_clone=0: Debian's kernel patch (older Debian defaults) makes
 *   unprivileged CLONE_NEWUSER fail with EPERM.
 * - kernel.apparmor_restrict_unprivileged_userns=1 (Ubuntu 23.10+, on by default in 24.04): the
 *   namespace is made, but AppArmor moves the process into its unprivileged_userns profile, which
 *   denies every capability inside it, so writing uid_map fails (unshare -r: "write failed
 *   /proc/self/uid_map: Operation not permitted").
 */
const RULES = [
    { setting: 'user.max_user_namespaces', file: 'proc/sys/user/max_user_namespaces', blocks: (v) => v === '0', allow: '10000', why: 'user.max_user_namespaces is 0: the kernel refuses every new user namespace (ENOSPC)' },
    { setting: 'kernel.unprivileged_userns_clone', file: 'proc/sys/kernel/unprivileged_userns_clone', blocks: (v) => v === '0', allow: '1', why: 'kernel.unprivileged_userns_clone is 0: this kernel lets only root make user namespaces (EPERM)' },
    { setting: 'kernel.apparmor_restrict_unprivileged_userns', file: 'proc/sys/kernel/apparmor_restrict_unprivileged_userns', blocks: (v) => v === '1', allow: '0', scope: 'this lifts the restriction for every program, as before Ubuntu 23.10', why: 'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1, Ubuntu 24.04\'s default): the namespace gets no capabilities, so its uid map cannot be written (EPERM)' },
];
/** The first setting that blocks unprivileged user namespaces, with its fix; null when none does. */
export function usernsBlock(files, via) {
    for (const rule of RULES) {
        const value = files.read(rule.file)?.trim();
        if (value === undefined || !rule.blocks(value))
            continue;
        const set = `${rule.setting}=${rule.allow}`;
        return {
            setting: rule.setting,
            value,
            why: rule.why,
            fix: `${asRoot(`sysctl -w ${set}`, via)} (until the next boot; to keep it, put the line ${set} in /etc/sysctl.d/99-container-lab.conf${rule.scope ? `; ${rule.scope}` : ''})`,
        };
    }
    return null;
}
