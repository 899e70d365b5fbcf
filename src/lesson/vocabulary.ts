// The actions and checks a lesson file may name, with the schema of each one's parameters.
import { z } from 'zod';

const nsName = z.enum(['uts', 'pid', 'mnt', 'net', 'ipc', 'cgroup']);
const command = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
/** a byte count, or a size with a binary suffix: 32m = 32 MiB */
const size = z.union([z.number().int().positive(), z.string().regex(/^\d+[kmgKMG]?$/)]);
/** the layers lesson's containers: each has its own overlay upperdir under the session directory */
const containerId = z.string().regex(/^[a-z0-9-]{1,20}$/);
const containerName = containerId.default('c1');
/** the changing-root lesson's two processes: one that chroot(2)s, one that pivot_root(2)s */
const rootProcess = z.enum(['chroot', 'pivot']);
/** the docker-run lesson's volume files: one name, no path */
const volumeFile = z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]+$/);

/** Actions: one module per primitive in src/actions, performed by the helper. */
export const ACTIONS = {
  /** unshare(2) the listed namespaces in the container process */
  unshare: z.strictObject({ namespaces: z.array(nsName).min(1) }),
  /** sethostname(2) inside the container's UTS namespace */
  sethostname: z.strictObject({ name: z.string().min(1).max(64) }),
  /** mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL): stop mount events reaching the host */
  'make-mounts-private': z.strictObject({}),
  /** mount a tmpfs on the session's scratch directory, inside the container's mount namespace */
  'mount-tmpfs': z.strictObject({ size: z.string().regex(/^\d+[kmg]?$/).default('4m') }),
  /** start the container's first process: PID 1 of the new PID namespace */
  'start-init': z.strictObject({}),
  /** mount a fresh proc on /proc from inside the PID namespace */
  'mount-proc': z.strictObject({}),
  /** bring a network interface up (ioctl SIOCSIFFLAGS) inside the network namespace */
  'link-up': z.strictObject({ name: z.string().min(1).max(15).default('lo') }),
  /** create the lab's cgroup and move the container process into it */
  'join-cgroup': z.strictObject({}),
  /** start a process in a new user namespace whose root is an unprivileged uid outside */
  'user-namespace': z.strictObject({ outsideUid: z.number().int().min(1).max(4294967294).default(100000) }),
  /** a shell step: run a command inside the container or on the host and show its output */
  run: z.strictObject({ command, where: z.enum(['container', 'host']).default('container') }),
  /** the container's memory limit: memory.max (v2) or memory.limit_in_bytes (v1), swap included */
  'set-memory-limit': z.strictObject({ limit: size }),
  /** a hog inside the container touches memory step by step until the OOM killer stops it */
  'memory-hog': z.strictObject({ step: size.default('2m'), intervalMs: z.number().int().min(10).max(1000).default(100) }),
  /** the container's CPU quota: cpu.max (v2) or cpu.cfs_quota_us / cpu.cfs_period_us (v1) */
  'set-cpu-quota': z.strictObject({ quotaUs: z.number().int().min(1000), periodUs: z.number().int().min(1000).max(1000000).default(100000) }),
  /** a busy loop inside the container for a few seconds, under the quota */
  'cpu-hog': z.strictObject({ seconds: z.number().min(0.5).max(10).default(2) }),
  /** the most tasks (processes and threads) the container may have: pids.max */
  'set-pids-max': z.strictObject({ max: z.number().int().min(1).max(4096) }),
  /** a fork loop inside the container until fork fails at pids.max */
  'fork-hog': z.strictObject({ count: z.number().int().min(1).max(1024).default(64) }),
  /** unpack the lab image into <session>/rootfs and bind-mount it onto itself (pivot_root needs a mount point) */
  'prepare-rootfs': z.strictObject({}),
  /** start a process inside the container that chroot(2)s into the rootfs */
  chroot: z.strictObject({}),
  /** the classic escape: mkdir <dir>; chroot(<dir>); chdir("..") until stuck; chroot(".") */
  'escape-root': z.strictObject({ process: rootProcess, dir: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]+$/).default('x') }),
  /** start a process that takes a mount namespace of its own, pivot_root(2)s into the rootfs, detaches the old root */
  'pivot-root': z.strictObject({}),
  /** run a program inside the chroot or the pivoted root (found in that root, not on the host) */
  'run-in-root': z.strictObject({ command, process: rootProcess.default('pivot') }),
  /** mount a fresh proc on the pivoted root's /proc, from the pivoted process (inside the PID namespace) */
  'mount-proc-in-root': z.strictObject({}),
  /** layers lesson: unpack each layer of the lab image into <session>/layers/<n> */
  'unpack-layers': z.strictObject({}),
  /** layers lesson: mount an overlay (image layers as lowerdir, upperdir + workdir of its own) for a container */
  'mount-overlay': z.strictObject({ container: containerName }),
  /** layers lesson: change the container's root through its merged overlay directory */
  'edit-rootfs': z.strictObject({
    container: containerName,
    op: z.enum(['write', 'append', 'delete', 'replace-dir']),
    path: z.string().regex(/^\/[^\0]*$/, 'an absolute path inside the container'),
    text: z.string().optional(),
  }),
  /** layers lesson: pack a container's upperdir into a new layer; new config + manifest, tagged in index.json */
  'commit-layer': z.strictObject({ container: containerName }),
  /** container by hand: start PID 1 of the new PID namespace, a process that takes the next steps' requests */
  'start-container-init': z.strictObject({}),
  /** container by hand: PID 1 takes its own mount namespace and pivot_root(2)s into a container's merged overlay */
  'pivot-init': z.strictObject({ container: containerName }),
  /** container by hand: PID 1 mounts proc on its /proc */
  'mount-proc-in-init': z.strictObject({}),
  /** container by hand: PID 1 execve(2)s a program of the image (the shell) */
  'exec-init': z.strictObject({ command: z.array(z.string().min(1)).min(1).default(['/bin/sh']) }),
  /** container by hand: run a program in PID 1's namespaces and root (nsenter), like docker exec */
  'exec-in-container': z.strictObject({ command }),
  /** docker-run lesson: a generated adjective_surname and a 64-hex id; hostname = the id's first 12 hex */
  'name-container': z.strictObject({}),
  /** docker-run lesson: bind-mount <session>/volume onto <rootfs><target> in the container's mount namespace */
  'bind-volume': z.strictObject({ target: z.string().regex(/^\/[A-Za-z0-9._-]+$/, 'one directory under /, e.g. /data') }),
  /** docker-run lesson: write a file into the volume, from inside the container or on the host */
  'write-volume': z.strictObject({ side: z.enum(['container', 'host']), file: volumeFile, text: z.string() }),
  /** docker-run lesson: a lab network namespace (docker0's part) and a veth pair into the container's */
  'lab-network': z.strictObject({}),
  /** docker-run lesson: busybox httpd inside the container */
  'start-server': z.strictObject({ port: z.number().int().min(1).max(65535).default(80), dir: z.string().regex(/^\/[A-Za-z0-9._\/-]*$/) }),
  /** docker-run lesson: the forwarder on a host loopback port (docker-proxy's part) */
  'publish-port': z.strictObject({}),
  /** docker-run lesson: the image's Cmd, run inside the container's namespaces and root */
  'run-image-cmd': z.strictObject({}),
  /** chain lessons: start the lab's private containerd, and dockerd on it unless docker is false */
  'start-daemons': z.strictObject({ docker: z.boolean().default(true) }),
  /** chain lessons: load the lab image (a tar made here, no registry) into dockerd and/or containerd */
  'load-image': z.strictObject({
    into: z.array(z.enum(['docker', 'containerd'])).min(1).default(['docker']),
    namespace: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('default'),
  }),
  /** chain lessons: the docker CLI against the lab's dockerd, on its socket or through the API proxy */
  docker: z.strictObject({
    args: z.array(z.string().min(1)).min(1),
    via: z.enum(['socket', 'proxy']).default('socket'),
    /** the exit status the step expects (docker wait prints the container's) */
    status: z.number().int().min(0).max(255).default(0),
    /** also show the output in the chain panel, under this title */
    show: z.string().min(1).max(60).optional(),
  }),
  /** chain lesson: `docker run` while the proc connector watches: timeline, hop times, containerd's events */
  'traced-run': z.strictObject({
    args: z.array(z.string().min(1)).min(1),
    via: z.enum(['socket', 'proxy']).default('socket'),
    title: z.string().min(1).default('The chain, as it appeared'),
  }),
  /** chain lesson: containerd's containers and tasks in one of its namespaces (ctr, asked by the lab) */
  'containerd-view': z.strictObject({ namespace: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('moby') }),
  /** chain lesson: the OCI bundle containerd wrote for the running container (config.json's key parts) */
  'show-bundle': z.strictObject({ namespace: z.string().default('moby') }),
  /** REST lesson: a logging proxy on <session>/api-proxy.sock in front of the lab's docker.sock */
  'api-proxy': z.strictObject({}),
  /** chain lessons: containerd's ctr against the lab's containerd; `id` names what `ctr run` makes */
  ctr: z.strictObject({
    args: z.array(z.string().min(1)).min(1),
    namespace: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('default'),
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/).optional(),
    /** also show the output in the chain panel, under this title */
    show: z.string().min(1).max(60).optional(),
  }),
  /** shim lesson: SIGTERM to the lab's containerd alone (its shims and containers live on) */
  'stop-containerd': z.strictObject({}),
  /** shim lesson: containerd again; waits until `ctr tasks ls` lists the lesson's container's task again */
  'start-containerd': z.strictObject({ namespace: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('moby') }),
  /** containerd lesson: dockerd on the containerd that already runs */
  'start-dockerd': z.strictObject({}),
  /** shim lesson: the container's fds 0-2, the shim's ends of those pipes, and the shim's FIFOs to dockerd */
  'show-stdio': z.strictObject({}),
  /** shim lesson: create an empty file in the container from the host, via /proc/<pid>/root; wait ≤ 5 s for the container to exit */
  'touch-in-container': z.strictObject({ path: z.string().regex(/^(\/(?!\.\.?(\/|$))[A-Za-z0-9._-]+)+$/, 'an absolute path inside the container, no .. or .') }),
  /** runc-alone lesson: the lab image unpacked into <session>/bundle/rootfs, `runc spec`'s config.json edited for the lab */
  'runc-bundle': z.strictObject({ args: z.array(z.string().min(1)).min(1).default(['/bin/sleep', '3600']) }),
  /** runc-alone lesson: `runc --root <session>/runc <op> cl-<session>`, then `runc state` in a panel block */
  runc: z.strictObject({
    op: z.enum(['create', 'start', 'state', 'kill', 'delete']),
    /** for kill: TERM, KILL, SIGUSR1… (runc's default is TERM) */
    signal: z.string().regex(/^(SIG)?[A-Z][A-Z0-9]*$/).optional(),
  }),
} as const;

/** Checks: each reads kernel state after the step, independently of the action. */
export const CHECKS = {
  'ns-differs': z.strictObject({ ns: nsName.or(z.literal('user')) }),
  'ns-same': z.strictObject({ ns: nsName.or(z.literal('user')) }),
  'hostname-inside': z.strictObject({ equals: z.string().min(1) }),
  'host-hostname-unchanged': z.strictObject({}),
  'init-pid-inside': z.strictObject({ equals: z.number().int().min(1) }),
  'init-visible-from-host': z.strictObject({}),
  'proc-lists-only-container': z.strictObject({}),
  'mount-invisible-on-host': z.strictObject({ fstype: z.string().min(1) }),
  'mounts-private': z.strictObject({}),
  links: z.strictObject({ only: z.array(z.string().min(1)).min(1), up: z.boolean() }),
  'same-kernel': z.strictObject({}),
  'output-matches': z.strictObject({ pattern: z.string().min(1) }),
  'cgroup-root-inside': z.strictObject({}),
  'uid-mapped': z.strictObject({ inside: z.number().int().min(0), outside: z.number().int().min(0).optional() }),
  'in-lab-cgroup': z.strictObject({}),
  'memory-limit-is': z.strictObject({ limit: size }),
  'oom-kills': z.strictObject({ atLeast: z.number().int().min(0).default(1) }),
  'hog-signal': z.strictObject({ signal: z.string().regex(/^SIG[A-Z0-9]+$/) }),
  'memory-peak-within-limit': z.strictObject({}),
  'cpu-quota-is': z.strictObject({ quotaUs: z.number().int().min(1000), periodUs: z.number().int().min(1000).default(100000) }),
  'cpu-throttled': z.strictObject({}),
  'cpu-share': z.strictObject({ min: z.number().min(0).max(100), max: z.number().min(0).max(10000) }),
  'pids-max-is': z.strictObject({ max: z.number().int().min(1) }),
  'fork-refused': z.strictObject({ errno: z.string().regex(/^E[A-Z]+$/).default('EAGAIN') }),
  'pids-within-limit': z.strictObject({}),
  'rootfs-unpacked': z.strictObject({}),
  'rootfs-mount-point': z.strictObject({}),
  'root-is-rootfs': z.strictObject({ process: rootProcess }),
  'root-is-host': z.strictObject({ process: rootProcess }),
  'old-root-gone': z.strictObject({}),
  'proc-empty-in-root': z.strictObject({}),
  'proc-in-root-lists-only-container': z.strictObject({}),
  'layers-unpacked': z.strictObject({}),
  'overlay-mounted': z.strictObject({ container: containerName }),
  'in-upper-only': z.strictObject({ container: containerName, path: z.string().min(1) }),
  'copied-up': z.strictObject({ container: containerName, path: z.string().min(1) }),
  whiteout: z.strictObject({ container: containerName, path: z.string().min(1) }),
  'opaque-dir': z.strictObject({ container: containerName, path: z.string().min(1) }),
  'upper-holds': z.strictObject({ container: containerName, only: z.array(z.string().min(1)).min(1) }),
  'layer-committed': z.strictObject({ entries: z.array(z.string().min(1)).min(1) }),
  'layers-shared': z.strictObject({ containers: z.array(containerId).length(2) }),
  'init-root-is-overlay': z.strictObject({ container: containerName }),
  'init-ns-differ': z.strictObject({ namespaces: z.array(nsName).min(1) }),
  'init-mounts-only-container': z.strictObject({ proc: z.boolean() }),
  'init-runs': z.strictObject({ program: z.string().regex(/^\//) }),
  'init-hostname': z.strictObject({ equals: z.string().min(1) }),
  'container-named': z.strictObject({}),
  'volume-mounted': z.strictObject({}),
  'volume-shows': z.strictObject({ file: volumeFile, text: z.string().min(1) }),
  'veth-in-lab-only': z.strictObject({}),
  'addresses-in-lab-only': z.strictObject({}),
  'http-answers': z.strictObject({ from: z.enum(['host', 'lab']), contains: z.string().min(1) }),
  /** the lab's daemons run (read from /proc), each with its own socket, and dockerd made no docker0 */
  'daemons-running': z.strictObject({ docker: z.boolean().default(true) }),
  /** the timeline caught a runc process (create or start) that has exited since (read from /proc) */
  'runc-caught': z.strictObject({}),
  /** config.json of the running container matches the kernel: its args, its namespaces, its cgroup */
  'bundle-matches': z.strictObject({ namespace: z.string().default('moby') }),
  /** every hop of the run was timed, and they add up to the CLI's own time */
  'hops-measured': z.strictObject({ atLeast: z.number().int().min(1).default(6) }),
  /** the API proxy's socket listens (/proc/net/unix) */
  'proxy-listening': z.strictObject({}),
  /** the proxy's log holds these requests in this order: "POST /containers/*\/start 204" */
  'api-saw': z.strictObject({ requests: z.array(z.string().regex(/^[A-Z]+ \/\S*( \d{3})?$/)).min(1) }),
  /** the daemon lists the lab image (asked with the docker CLI or ctr by the check itself) */
  'image-loaded': z.strictObject({ in: z.enum(['docker', 'containerd']), namespace: z.string().default('default') }),
  /** the container's first process has a containerd shim of the lab as its parent (PPid, the parent's comm); `id`: a ctr task */
  'shim-is-parent': z.strictObject({ id: z.string().min(1).optional(), namespace: z.string().default('default') }),
  /** no runc process of the lab is left once the container runs */
  'no-runc-left': z.strictObject({}),
  /** the docker container's fds are pipes whose other ends its parent shim holds */
  'stdio-through-shim': z.strictObject({ fds: z.array(z.number().int().min(0).max(2)).min(1).default([0, 1, 2]) }),
  /** the container's first process runs (its PID from docker inspect, or ctr's task list for `id`) */
  'container-alive': z.strictObject({ id: z.string().min(1).optional(), namespace: z.string().default('default') }),
  /** the first process of the lesson's docker container is gone from /proc */
  'container-gone': z.strictObject({}),
  /** no containerd shim of the lab runs any more (after its container was deleted) */
  'shim-gone': z.strictObject({}),
  /** no containerd process of the lab in /proc */
  'containerd-stopped': z.strictObject({}),
  /** `ctr tasks ls` (run by the check) lists the task RUNNING; without `id`, the lesson's docker container */
  'task-listed': z.strictObject({ namespace: z.string().default('moby'), id: z.string().min(1).optional() }),
  /** docker inspect: State.Status exited with this State.ExitCode */
  'exit-status-is': z.strictObject({ code: z.number().int().min(0).max(255) }),
  /** `ctr namespaces ls` lists these */
  'containerd-namespaces': z.strictObject({ has: z.array(z.string().min(1)).min(1) }),
  /** `ctr -n <namespace> containers ls` lists this id, or exactly this many */
  'ctr-lists': z
    .strictObject({ namespace: z.string().default('default'), id: z.string().min(1).optional(), count: z.number().int().min(0).optional() })
    .refine((p) => p.id !== undefined || p.count !== undefined, 'give id or count'),
  /** ctr lists this container, `docker ps -a` does not */
  'docker-does-not-list': z.strictObject({ id: z.string().min(1), namespace: z.string().default('default') }),
  /** `runc state` (run by the check) says this status, and /proc agrees: runc:[2:INIT] waiting, the program exec'd, or gone */
  'runc-state-is': z.strictObject({ status: z.enum(['created', 'running', 'stopped']) }),
  /** `runc state` says the container does not exist; its state dir and cgroup are gone */
  'runc-gone': z.strictObject({}),
  /** the container's init's parent (PPid in /proc) is no runc process: runc has exited */
  'runc-parent': z.strictObject({}),
  /** the bundle's config.json parses, its root has /bin/sh, process.args are these */
  'bundle-valid': z.strictObject({ args: z.array(z.string().min(1)).min(1) }),
} as const;

export type ActionName = keyof typeof ACTIONS;
export type CheckKind = keyof typeof CHECKS;

export function isActionName(name: string): name is ActionName {
  return Object.prototype.hasOwnProperty.call(ACTIONS, name);
}

export function isCheckKind(kind: string): kind is CheckKind {
  return Object.prototype.hasOwnProperty.call(CHECKS, kind);
}
