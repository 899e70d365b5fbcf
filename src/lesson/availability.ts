// Whether a lesson can open here: privilege, what the host blocks (user namespaces, overlayfs), the chain programs it needs, and the host-Docker choice.
import type { Lesson } from '../types.js';
import type { HelperMode } from '../helper/client.js';
import { missingPrograms } from '../chain/requirements.js';
import type { HostProbe } from '../observe/host/probe.js';
import { startAsRoot } from '../format/asRoot.js';
import { notLinux } from './notLinux.js';

/** What of the host probe decides availability; without `delegation` no cgroup subtree is known to be the user's. */
export type HostLimits = Pick<HostProbe, 'rootVia' | 'userns' | 'overlay'> & Partial<Pick<HostProbe, 'delegation'>>;

/** A host that blocks nothing, where root comes through sudo: what the checks assume without a probe. */
export const UNLIMITED: HostLimits = { rootVia: 'sudo', userns: null, overlay: 'loaded' };

export interface Availability {
  mode: HelperMode;
  /** the host's Docker socket when the user chose --host-docker, else null */
  hostDocker: string | null;
  find?: (name: string) => string | null;
  host?: HostLimits;
  /** process.platform unless a test says otherwise */
  platform?: NodeJS.Platform;
}

/** Why a root lesson that may run rootless where the host allows it cannot here; null when it can. */
function rootlessRefusal(lesson: Lesson, host: HostLimits): string | null {
  const needsRoot = `needs root${lesson.rootless ? ` (${lesson.rootless})` : ''}: ${startAsRoot(host.rootVia)}`;
  if (lesson.rootlessWhere !== 'cgroup-delegation') return needsRoot;
  const d = host.delegation;
  if (!d) return needsRoot;
  return d.ok ? null : `needs root here, or a cgroup v2 subtree systemd delegates to you: ${d.reason} (fix: ${d.fix})`;
}

/** The menu's and `list`'s word for a lesson's privilege. */
export function privilegeLabel(lesson: Lesson): string {
  if (lesson.privilege === 'rootless') return 'root or rootless';
  return lesson.rootlessWhere === 'cgroup-delegation' ? 'root, or rootless with cgroup v2 delegation' : 'needs root';
}

const uses = (lesson: Lesson, action: string) => lesson.steps.some((s) => s.action.name === action);

/** null when the lesson can open; else the reason and the fix, in one line. */
export function whyUnavailable(lesson: Lesson, o: Availability): string | null {
  const elsewhere = notLinux(o.platform);
  if (elsewhere) return elsewhere;
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
    if (refusal) return refusal;
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
