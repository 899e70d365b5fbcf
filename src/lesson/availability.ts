// Whether a lesson can open here: privilege, the chain programs it needs, and the host-Docker choice.
import type { Lesson } from '../types.js';
import type { HelperMode } from '../helper/client.js';
import { missingPrograms } from '../chain/requirements.js';

export interface Availability {
  mode: HelperMode;
  /** the host's Docker socket when the user chose --host-docker, else null */
  hostDocker: string | null;
  find?: (name: string) => string | null;
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
    return `needs root${lesson.rootless ? ` (${lesson.rootless})` : ''}: start container-lab as root or with --sudo`;
  }
  return missingPrograms(onHostDocker ? ['docker'] : lesson.requires, o.find);
}
