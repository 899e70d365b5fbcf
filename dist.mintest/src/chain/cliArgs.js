// The lab's additions to a docker or ctr command line: its label, no network, its cgroup, its runc root.
import { join } from 'node:path';
/**
 * `docker run`/`docker create` get `--label container-lab=<session>` (lab-leaks and the cleanup
 * find them by it) and `--network none` (loopback only) unless the lesson already says a network.
 */
export function labDockerArgs(args, sessionId) {
    const sub = args[0];
    if (sub !== 'run' && sub !== 'create')
        return args;
    const extra = ['--label', `container-lab=${sessionId}`];
    if (!args.some((a) => a === '--network' || a.startsWith('--network=') || a === '--net' || a.startsWith('--net=')))
        extra.push('--network', 'none');
    return [sub, ...extra, ...args.slice(1)];
}
/**
 * `ctr run` gets the lab's label, a cgroup under the lab's parent (ctr's default would be
 * /<namespace>/<id>, a host cgroup), a runc state root in the lab dir (not /run/containerd/runc)
 * and its stdio FIFOs there too (not /run/containerd/fifo).
 * The container id is ctr run's last-but-command positional: the lesson passes it as `id`.
 */
export function labCtrRunArgs(args, o) {
    if (args[0] !== 'run')
        return args;
    return [
        'run',
        '--label', `container-lab=${o.sessionId}`,
        '--cgroup', `/${o.cgroupParent}/${o.id}`,
        '--runc-root', join(o.dir, 'runc-ctr'),
        '--fifo-dir', join(o.dir, 'fifo'),
        ...args.slice(1),
    ];
}
