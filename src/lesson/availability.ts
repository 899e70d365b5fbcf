// Whether a lesson can open here: privilege, the chain programs it needs, and the host-Docker choice.
import type { Lesson } from '../types.js';
import type { HelperMode } from '../helper/client.js';
import { missingPrograms } from '../chain/requirements.js';
import { rootlessCgroupDelegation, type CgroupDelegation } from '../cgroup/delegation.js';

export interface Availability {
  mode: HelperMode;
  /** the host's Docker socket when the user chose --host-docker, else null */
  hostDocker: string | null;
  find?: (name: string) => string | null;
  /** whether systemd delegates a cgroup v2 subtree to this user; looked up once when not given */
  cgroupDelegation?: CgroupDelegation;
}

let delegationHere: CgroupDelegation | undefined;

/** rootlessCgroupDelegation() for this process's user, read once (the menu asks on every frame). */
export function cgroupDelegationHere(): CgroupDelegation {
  delegationHere ??= rootlessCgroupDelegation();
  return delegationHere;
}

/** Why a root lesson that may run rootless where the host allows it cannot here; null when it can. */
function rootlessRefusal(lesson: Lesson, o: Availability): string | null {
  if (lesson.rootlessWhere !== 'cgroup-delegation') return 'needs root: start container-lab as root or with --sudo';
  const d = o.cgroupDelegation ?? cgroupDelegationHere();
  return d.ok ? null : `needs root here, or a cgroup v2 subtree systemd delegates to you: ${d.reason} (fix: ${d.fix})`;
}

/** The menu's and `list`'s word for a lesson's privilege. */
export function privilegeLabel(lesson: Lesson): string {
  if (lesson.privilege === 'rootless') return 'root or rootless';
  return lesson.rootlessWhere === 'cgroup-delegation' ? 'root, or rootless with cgroup v2 delegation' : 'needs root';
}

/** null when the lesson can open; else the reason and the fix, in one line. */
export function whyUnavailable(lesson: Lesson, o: Availability): string | null {
  const onHostDocker = o.hostDocker !== null && lesson.hostDocker;
  if (o.hostDocker !== null && lesson.requires.length > 0 && !lesson.hostDocker) {
    return "stops and starts daemons: it runs only on the lab's private ones (start container-lab as root, without --host-docker)";
  }
  // the host's Docker holds the user's own containers and volumes: no lesson from elsewhere gets near them
  if (onHostDocker && !lesson.source.trusted) {
    return `comes from ${lesson.source.from}: only the package's own lessons run on the host's Docker (start container-lab without --host-docker)`;
  }
  if (lesson.privilege === 'root' && o.mode === 'rootless' && !onHostDocker) {
    const refusal = rootlessRefusal(lesson, o);
    if (refusal) return refusal;
  }
  return missingPrograms(onHostDocker ? ['docker'] : lesson.requires, o.find);
}
