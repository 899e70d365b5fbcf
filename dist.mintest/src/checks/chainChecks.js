// Checks for the chain lessons' daemons and image, each asking /proc or the daemon itself, not the app's state.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { join } from 'node:path';
import { daemonProcesses } from '../observe/chainSample.js';
import { CHAIN_IMAGE, CHAIN_IMAGE_FQ } from '../chain/imageArchive.js';
import { HostDocker } from '../chain/hostDocker.js';
import { liveProcs } from '../chain/procRead.js';
import { chainIfMade } from '../actions/chainState.js';
import { hasDocker0 } from '../actions/chainUtil.js';
function dir(ctx) {
    return ctx.session.dir;
}
/** lstat(2): a Unix socket's file type is S_IFSOCK (inode(7)). */
export function isSocket(ctx, path) {
    try {
        return (ctx.sys.lstat(path).mode & 0o170000) === 0o140000;
    }
    catch {
        return false;
    }
}
/** A chain program run by the check (not logged): the CLI of the lab's daemon, by full path from the daemons' binaries. */
export function ask(ctx, argv) {
    const r = ctx.sys.runSync(argv, { log: false, timeoutMs: 15_000, env: { ...process.env, DOCKER_CONFIG: join(dir(ctx), 'docker-cli') } });
    if (r.status !== 0)
        throw new Error(`${argv.slice(0, 3).join(' ')}… failed: ${(r.stderr || r.error || '').trim()}`);
    return r.stdout;
}
function daemons(ctx) {
    const d = chainIfMade(ctx)?.daemons;
    if (!d)
        throw new Error('the lab has no daemons');
    return d;
}
export function dockerArgv(ctx, args) {
    const d = daemons(ctx);
    return [d.bin.docker.path, '-H', `unix://${d.layout.dockerSocket}`, ...args];
}
export function ctrArgv(ctx, namespace, args) {
    return [daemons(ctx).bin.ctr.path, '--address', join(dir(ctx), 'containerd.sock'), '--namespace', namespace, ...args];
}
export const daemonsRunning = defineCheck({
    name: 'daemons-running',
    params: z.strictObject({ docker: z.boolean().default(true) }),
    doc: 'The lab\'s own daemons run: /proc has a containerd (and, unless `docker` is false, a dockerd) whose '
        + 'command line names the session directory, containerd.sock (and docker.sock) there are sockets, dockerd '
        + 'runs with --bridge=none --iptables=false and `ip link` shows no docker0 the host did not have before. '
        + 'With `docker: false`, a dockerd of the lab fails it. On the host\'s Docker (--host-docker) it asks that '
        + 'dockerd its version and passes only if the lab started no daemon of its own.',
    reads: ['/proc/<pid>/stat, /proc/<pid>/cmdline', 'lstat(2) of <session>/containerd.sock, docker.sock', '`ip -o link show docker0` (run by the check)', '`docker version` (run by the check, --host-docker only)'],
    run: (ctx, { docker }) => {
        const d = chainIfMade(ctx)?.daemons;
        const procs = daemonProcesses(dir(ctx), '/', [process.pid], liveProcs(ctx.sys));
        if (d instanceof HostDocker) {
            // the host's Docker: the check asks it itself, and finds no daemon of the lab's in /proc
            const version = ask(ctx, dockerArgv(ctx, ['version', '--format', '{{.Server.Version}}'])).trim();
            const own = procs.filter((p) => p.comm === 'containerd' || p.comm === 'dockerd');
            if (own.length > 0)
                return fail(`the lab started daemons of its own (${own.map((p) => p.pid).join(', ')}) though it uses the host's`);
            return pass(`the host's dockerd ${version} answers on ${d.layout.dockerSocket}; no daemon started by the lab`);
        }
        const containerd = procs.find((p) => p.comm === 'containerd');
        const dockerd = procs.find((p) => p.comm === 'dockerd');
        if (!containerd)
            return fail(`no containerd process names ${dir(ctx)} in /proc`);
        if (!isSocket(ctx, join(dir(ctx), 'containerd.sock')))
            return fail('containerd.sock is not a socket');
        const parts = [`containerd pid ${containerd.pid}`];
        if (docker) {
            if (!dockerd)
                return fail(`no dockerd process names ${dir(ctx)} in /proc`);
            if (!isSocket(ctx, join(dir(ctx), 'docker.sock')))
                return fail('docker.sock is not a socket');
            if (!dockerd.cmdline.includes('--bridge=none') || !dockerd.cmdline.includes('--iptables=false'))
                return fail('dockerd runs without --bridge=none --iptables=false');
            if (hasDocker0(ctx.sys) && !chainIfMade(ctx)?.hostHadDocker0)
                return fail('a docker0 bridge appeared on the host');
            parts.push(`dockerd pid ${dockerd.pid} (--bridge=none --iptables=false)`);
        }
        else if (dockerd) {
            return fail(`dockerd runs (pid ${dockerd.pid}) though this lesson uses containerd alone`);
        }
        return pass(parts.join(', '));
    },
});
export const imageLoaded = defineCheck({
    name: 'image-loaded',
    params: z.strictObject({ in: z.enum(['docker', 'containerd']), namespace: z.string().default('default') }),
    doc: 'The daemon itself lists the lab image: for `in: docker`, `docker image ls` on the lab\'s dockerd shows '
        + 'container-lab/lab:latest; for `in: containerd`, `ctr images ls -q` in `namespace` shows '
        + 'docker.io/container-lab/lab:latest (containerd keeps the fully qualified name).',
    reads: ['`docker image ls` (run by the check)', '`ctr -n <namespace> images ls -q` (run by the check)'],
    run: (ctx, p) => {
        if (p.in === 'docker') {
            const out = ask(ctx, dockerArgv(ctx, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']));
            const line = out.split('\n').find((l) => l.startsWith(CHAIN_IMAGE + ' '));
            return line ? pass(`docker image ls: ${line}`) : fail(`docker image ls has no ${CHAIN_IMAGE}: ${out.trim() || '(empty)'}`);
        }
        const out = ask(ctx, ctrArgv(ctx, p.namespace, ['images', 'ls', '-q']));
        return out.split('\n').includes(CHAIN_IMAGE_FQ)
            ? pass(`ctr -n ${p.namespace} images ls: ${CHAIN_IMAGE_FQ}`)
            : fail(`ctr -n ${p.namespace} images ls has no ${CHAIN_IMAGE_FQ}: ${out.trim() || '(empty)'}`);
    },
});
