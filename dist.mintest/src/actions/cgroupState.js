import { defineSlot } from '../steps/slots.js';
import { LabError } from '../errors.js';
import { openCgroupDriver } from '../cgroup/open.js';
/*
 * Only data: the hog itself is gone when its step ends (src/actions/hog.ts kills what is left),
 * and Lab.close() removes the cgroup directories with the session, so nothing is torn down here.
 */
const hogs = defineSlot({ name: 'cgroup hogs', create: () => ({}) });
/** What the last hog step measured, for the checks after it; undefined before any hog ran. */
export function lastHog(ctx) {
    return ctx.slots.get(hogs)?.last;
}
export function recordHog(ctx, run) {
    ctx.slots.use(hogs).last = run;
}
/**
 * The driver for the session's cgroup, reading through ctx.sys: it knows this host's file names
 * (v1 or v2); an error with a hint before join-cgroup has made one (rootless: where nothing is delegated).
 */
export function labCgroup(ctx) {
    if (ctx.cgroupDirs.length === 0) {
        if (ctx.rootless)
            throw new LabError('cgroup limits need root here, or a cgroup v2 subtree systemd delegates to you', 'run container-lab as root (or with --sudo); container-lab doctor says what this host lacks');
        throw new LabError('the container is in no cgroup of the lab\'s yet', 'run the join-cgroup step first');
    }
    return openCgroupDriver('/', ctx.session.id, ctx.sys, ctx.cgroupDirs);
}
