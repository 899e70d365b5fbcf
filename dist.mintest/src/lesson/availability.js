import { missingPrograms } from '../chain/requirements.js';
import { startAsRoot } from '../format/asRoot.js';
import { notLinux } from './notLinux.js';
/** A host that blocks nothing, where root comes through sudo: what the checks assume without a probe. */
export const UNLIMITED = { rootVia: 'sudo', userns: null, overlay: 'loaded' };
/** Why a root lesson that may run rootless where the host allows it cannot here; null when it can. */
function rootlessRefusal(lesson, host) {
    const needsRoot = `needs root${lesson.rootless ? ` (${lesson.rootless})` : ''}: ${startAsRoot(host.rootVia)}`;
    if (lesson.rootlessWhere !== 'cgroup-delegation')
        return needsRoot;
    const d = host.delegation;
    if (!d)
        return needsRoot;
    return d.ok ? null : `needs root here, or a cgroup v2 subtree systemd delegates to you: ${d.reason} (fix: ${d.fix})`;
}
/** The menu's and `list`'s word for a lesson's privilege. */
export function privilegeLabel(lesson) {
    if (lesson.privilege === 'rootless')
        return 'root or rootless';
    return lesson.rootlessWhere === 'cgroup-delegation' ? 'root, or rootless with cgroup v2 delegation' : 'needs root';
}
const uses = (lesson, action) => lesson.steps.some((s) => s.action.name === action);
/** null when the lesson can open; else the reason and the fix, in one line. */
export function whyUnavailable(lesson, o) {
    const elsewhere = notLinux(o.platform);
    if (elsewhere)
        return elsewhere;
    const host = o.host ?? UNLIMITED;
    const onHostDocker = o.hostDocker !== null && lesson.hostDocker;
    if (o.hostDocker !== null && lesson.requires.length > 0 && !lesson.hostDocker) {
        return "stops and starts daemons: it runs only on the lab's private ones (start container-lab as root, without --host-docker)";
    }
    // the host's Docker holds the user's own containers and volumes: no lesson from elsewhere gets near them
    if (onHostDocker && !lesson.source.trusted) {
        return `comes from ${lesson.source.from}: only the package's own lessons run on the host's Docker (start container-lab without --host-docker)`;
    }
    if (lesson.privilege === 'root' && o.mode === 'rootless' && !onHostDocker) {
        const refusal = rootlessRefusal(lesson, host);
        if (refusal)
            return refusal;
    }
    // rootless, the container process itself starts in a user namespace; the user-namespace step makes an unprivileged one even as root
    if (host.userns && !onHostDocker && (o.mode === 'rootless' || uses(lesson, 'user-namespace'))) {
        return `needs an unprivileged user namespace, and ${host.userns.why}. Fix: ${host.userns.fix}`;
    }
    if (host.overlay === 'missing' && uses(lesson, 'mount-overlay')) {
        return 'needs overlayfs, which this kernel lacks (not in /proc/filesystems, no overlay module in /lib/modules): use a kernel built with CONFIG_OVERLAY_FS';
    }
    return missingPrograms(onHostDocker ? ['docker'] : lesson.requires, o.find);
}
