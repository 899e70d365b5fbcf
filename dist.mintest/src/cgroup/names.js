// Names of the lab's cgroup directories that both the helper and the drivers need.
/** Every cgroup the lab makes (and systemd scope it asks for) starts with this. */
export const CGROUP_PREFIX = 'container-lab-';
/** On cgroup v2 the container's processes sit in this leaf below the lab's own cgroup (see v2.ts). */
export const V2_LEAF = 'container';
