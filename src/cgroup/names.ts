// Names of the lab's cgroup directories that both the helper and the drivers need.

/** Every cgroup the lab makes (and systemd scope it asks for) starts with this. */
export const CGROUP_PREFIX = 'container-lab-';

/** On cgroup v2 the container's processes sit in this leaf below the lab's own cgroup (see v2.ts). */
export const V2_LEAF = 'container';

/**
 * The chain lessons' slices on a systemd v2 host carry the prefix with its dashes escaped
 * (`\x2d`), or systemd would nest them in container.slice (src/chain/cgroupDriver.ts).
 */
export const SLICE_PREFIX = 'container\\x2dlab\\x2d';

/** A cgroup directory (or unit) name the lab made: container-lab-…, or a lab slice. */
export function isLabCgroupName(name: string): boolean {
  return name.startsWith(CGROUP_PREFIX) || (name.startsWith(SLICE_PREFIX) && name.endsWith('.slice'));
}
