// Names of the lab's cgroup directories that both the helper and the drivers need.

/** On cgroup v2 the container's processes sit in this leaf below container-lab-<session> (see v2.ts). */
export const V2_LEAF = 'container';
