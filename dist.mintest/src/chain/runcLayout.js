// Where the runc-alone lesson keeps its bundle, runc's state and the container's output, and the names it gives them.
import { join } from 'node:path';
export function runcLayout(dir, sessionId) {
    const id = `cl-${sessionId}`;
    const cgroupParent = `container-lab-${sessionId}-runc`;
    const bundle = join(dir, 'bundle');
    return {
        dir,
        root: join(dir, 'runc'),
        id,
        bundle,
        rootfs: join(bundle, 'rootfs'),
        config: join(bundle, 'config.json'),
        pidFile: join(dir, 'runc-init.pid'),
        log: join(dir, 'runc-container.log'),
        cgroupParent,
        cgroupsPath: `/${cgroupParent}/${id}`,
    };
}
/** `runc --root <root> <args...>`: every runc run names the session dir, so the process panel finds it. */
export function runcArgv(runc, l, args) {
    return [runc, '--root', l.root, ...args];
}
