// The host's own Docker, used with the user's consent (--host-docker): nothing is started or stopped, only what the lab made is removed.
import { LabError } from '../errors.js';
import { daemonLayout } from './daemonLayout.js';
import { PrivateDaemons } from './daemons.js';
import { hostDockerProblem } from './hostDockerOption.js';
import { realSys } from '../sys/real.js';
/**
 * Looks like the private daemons to the actions (docker CLI, API proxy upstream), but it starts
 * nothing: dockerd is the host's. At the end it removes the containers that carry this session's
 * label and the image if the lesson loaded it — nothing else, and it never signals a process.
 */
export class HostDocker extends PrivateDaemons {
    host = true;
    /** the host's daemons stay: the lesson's containers go through them, one by one */
    stopEndsEverything = false;
    /** the lab image was not there before the lesson loaded it: remove it at the end */
    imageLoadedHere = false;
    sessionId = '';
    static attach(dir, sessionId, bin, socket, sys = realSys) {
        const problem = hostDockerProblem(socket);
        if (problem)
            throw new LabError(problem, 'start container-lab without --host-docker to use its own private daemons (as root)');
        const layout = { ...daemonLayout(dir, sessionId), dockerSocket: socket };
        const d = new HostDocker(layout, bin, null, sys);
        d.sessionId = sessionId;
        return d;
    }
    async startContainerd() {
        // the host's containerd is dockerd's business here; the lab does not touch it
        this.containerd = { pid: -1, version: this.bin.containerd.version, readyMs: 0 };
        return this.containerd;
    }
    async startDockerd() {
        const started = performance.now();
        const run = await this.docker(['version', '--format', '{{.Server.Version}}']);
        if (run.status !== 0)
            throw new LabError(`the host's Docker does not answer on ${this.layout.dockerSocket}: ${run.stderr.trim()}`, 'is dockerd running? are you in the docker group?');
        this.dockerd = { pid: -1, version: run.stdout.trim(), readyMs: performance.now() - started };
        return this.dockerd;
    }
    async stopContainerd() {
        throw new LabError("this lesson would stop containerd: not the host's", 'start container-lab without --host-docker (as root) for the lab\'s private daemons');
    }
    async stop() {
        const report = { killed: [], unmounted: [], cgroups: [], problems: [] };
        const label = `label=container-lab=${this.sessionId}`;
        const ids = (await this.docker(['ps', '-aq', '--filter', label])).stdout.split('\n').filter(Boolean);
        if (ids.length > 0) {
            const rm = await this.docker(['rm', '-f', ...ids]);
            if (rm.status !== 0)
                report.problems.push(`docker rm -f ${ids.join(' ')}: ${rm.stderr.trim()}`);
        }
        if (this.imageLoadedHere) {
            const rmi = await this.docker(['image', 'rm', 'container-lab/lab:latest']);
            if (rmi.status !== 0)
                report.problems.push(`docker image rm container-lab/lab: ${rmi.stderr.trim()}`);
        }
        this.containerd = null;
        this.dockerd = null;
        return report;
    }
}
