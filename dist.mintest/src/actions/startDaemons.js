// Chain lessons: start the lab's own containerd (and dockerd on it), each with its own sockets and directories.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { chain } from './chainState.js';
import { hasDocker0, recordSpawn } from './chainUtil.js';
import { PrivateDaemons, requireBinaries } from '../chain/daemons.js';
import { startReaper } from '../chain/reaperClient.js';
import { HostDocker } from '../chain/hostDocker.js';
import { hostDockerFromArgv } from '../chain/hostDockerOption.js';
import { containerdArgs, dockerdArgs } from '../chain/daemonLayout.js';
import { LabError } from '../errors.js';
export const startDaemons = defineAction({
    name: 'start-daemons',
    params: z.strictObject({ docker: z.boolean().default(true) }),
    doc: 'The helper starts the lab\'s own containerd, and dockerd on it unless `docker` is false, as root, each '
        + 'under setpriv --pdeathsig TERM so it dies with the helper. Every socket, state and data directory lies in '
        + 'the session directory (containerd.sock, docker.sock, containerd/, docker/), dockerd runs with '
        + '--bridge=none --iptables=false, and the host\'s own /var/lib/docker or containerd are never touched. The '
        + 'step ends once each daemon answers on its socket; the learner sees their PIDs and times to ready. With '
        + '--host-docker nothing starts: the host\'s dockerd is used and only what the lab labelled is removed.',
    host: {
        effect: [
            'starts a private containerd as root, its socket and state under the session directory (with --host-docker: none, the host\'s Docker is used)',
            'starts a private dockerd as root on it, --bridge=none --iptables=false, its state under the session directory if docker=true',
        ],
        untrusted: 'allowed',
    },
    performs: [program('containerd', 'containerd(8)'), program('dockerd', 'dockerd(8)')],
    provides: ['containerd daemon', 'docker daemon if docker=true'],
    run: async (ctx, { docker }) => {
        const c = chain(ctx);
        const hostSocket = hostDockerFromArgv();
        if (hostSocket) {
            // --host-docker: the user agreed to the host's Docker; nothing is started, containers are labelled
            const bin = requireBinaries(['docker']);
            c.daemons ??= HostDocker.attach(ctx.session.dir, ctx.session.id, bin, hostSocket, ctx.sys);
            await c.daemons.startContainerd();
            const dd = await c.daemons.startDockerd();
            return outcome(ctx.sys.drain(), [
                `the host's Docker ${dd.version} on ${hostSocket} (you chose --host-docker): nothing started here`,
                `containers made here carry the label container-lab=${ctx.session.id} and are removed when the lesson closes`,
            ]);
        }
        if (ctx.rootless)
            throw new LabError('private daemons need root', 'start container-lab as root (it asks to use sudo)');
        const bin = requireBinaries(docker ? ['containerd', 'containerd-shim-runc-v2', 'runc', 'dockerd', 'docker', 'ctr'] : ['containerd', 'containerd-shim-runc-v2', 'runc', 'ctr']);
        // a docker0 the host had before the lab's dockerd is the host's Docker's, not the lab's doing
        c.hostHadDocker0 ??= hasDocker0(ctx.sys);
        c.daemons ??= PrivateDaemons.prepare(ctx.session.dir, ctx.session.id, bin, startReaper(), ctx.sys);
        const d = c.daemons;
        const l = d.layout;
        const out = [];
        const ctrd = await d.startContainerd();
        recordSpawn(ctx.sys, [bin.containerd.path, ...containerdArgs(l)], ctrd.pid, ctrd.readyMs);
        out.push(`containerd ${ctrd.version ?? ''} pid ${ctrd.pid}: ready in ${Math.round(ctrd.readyMs)} ms on ${l.containerdSocket}`);
        if (docker) {
            const dd = await d.startDockerd();
            recordSpawn(ctx.sys, [bin.dockerd.path, ...dockerdArgs(l)], dd.pid, dd.readyMs);
            out.push(`dockerd ${dd.version ?? ''} pid ${dd.pid}: ready in ${Math.round(dd.readyMs)} ms on ${l.dockerSocket}`);
            out.push(`no docker0, no iptables rules: --bridge=none --iptables=false`);
        }
        return outcome(ctx.sys.drain(), out);
    },
});
