// The lab's private containerd and dockerd: started with their own sockets, state and data under the session dir, stopped with everything they made.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { request } from 'node:http';
import { LabError } from '../errors.js';
import { whichProgram } from '../../native/findProgram.js';
import { discoverChain, labDockerCli } from './discover.js';
import { hostOsRelease, installHint } from './installHint.js';
import { containerdArgs, containerdConfig, daemonLayout, dockerdArgs, dockerdConfig } from './daemonLayout.js';
import { cleanupDaemons, markHostDirs } from './daemonCleanup.js';
import { tail } from '../sys/programs.js';
import { realSys } from '../sys/real.js';
import { isRunning } from '../observe/procState.js';
import { closing } from '../sys/closing.js';
/** The chain's programs, or a LabError saying what to install on this distribution. */
export function requireBinaries(need) {
    const found = Object.fromEntries(discoverChain().map((b) => [b.name, b]));
    const missing = need.filter((n) => !found[n].path);
    if (missing.length > 0) {
        throw new LabError(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed`, installHint(hostOsRelease()), 'ENOENT');
    }
    found.docker = labDockerCli(found.docker, found.dockerd);
    return found;
}
function socketAnswers(path) {
    return new Promise((resolve) => {
        const s = connect(path);
        s.once('connect', () => {
            s.destroy();
            resolve(true);
        });
        s.once('error', () => resolve(false));
    });
}
function dockerPing(socketPath) {
    return new Promise((resolve) => {
        const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: 1000 }, (res) => {
            res.resume();
            resolve(res.statusCode === 200);
        });
        req.on('error', () => resolve(false));
        req.on('timeout', () => req.destroy());
        req.end();
    });
}
function readLogTail(path) {
    try {
        return tail(readFileSync(path, 'utf8'), 4);
    }
    catch {
        return '';
    }
}
export class PrivateDaemons {
    layout;
    bin;
    reaper;
    sys;
    containerd = null;
    dockerd = null;
    /**
     * stop() ends every container, shim and daemon of the session itself (by its directory): a
     * lesson's own removals through the daemons are not needed then, and would wait on them.
     */
    stopEndsEverything = true;
    constructor(layout, bin, reaper, 
    /** how the daemons are started and signalled and their CLIs run: the lab's kernel seam */
    sys) {
        this.layout = layout;
        this.bin = bin;
        this.reaper = reaper;
        this.sys = sys;
    }
    /** Prepares the directories and config files; nothing runs yet. */
    static prepare(dir, sessionId, bin, reaper, sys = realSys) {
        const layout = daemonLayout(dir, sessionId);
        for (const d of [layout.containerdRoot, layout.containerdState, layout.dockerDataRoot, layout.dockerExecRoot]) {
            mkdirSync(d, { recursive: true, mode: 0o700 });
        }
        writeFileSync(layout.containerdConfig, containerdConfig(layout));
        writeFileSync(layout.dockerConfig, dockerdConfig(layout, bin.dockerd.version));
        // the daemons make /run/containerd/s and /run/docker/plugins whatever their flags say
        markHostDirs(dir);
        reaper?.watch(dir, layout.cgroupParent);
        return new PrivateDaemons(layout, bin, reaper, sys);
    }
    spawnDaemon(path, args, log) {
        // setpriv(1) --pdeathsig: the daemon gets SIGTERM if the helper dies (prctl(2) PR_SET_PDEATHSIG);
        // the reaper then removes what is left.
        const setpriv = whichProgram('setpriv');
        const argv = setpriv ? [setpriv, '--pdeathsig', 'TERM', '--', path, ...args] : [path, ...args];
        try {
            return this.sys.start(argv, { output: log, cwd: this.layout.dir, unref: true, log: false }).pid;
        }
        catch {
            throw new LabError(`could not start ${path}`);
        }
    }
    async waitReady(name, pid, ready, log, started) {
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline) {
            // the app is gone: the close kills this daemon; waiting for it would only delay that
            if (closing.aborted)
                throw new LabError(`${name} start abandoned: the lab is closing`);
            if (await ready())
                return performance.now() - started;
            if (!isRunning(pid)) {
                throw new LabError(`${name} exited at start: ${readLogTail(log) || 'it printed nothing'}`, `its whole log is ${log}`);
            }
            await new Promise((r) => setTimeout(r, 15));
        }
        throw new LabError(`${name} did not answer on its socket within 20 s`, `its log: ${log}`);
    }
    async startContainerd() {
        if (this.containerd && isRunning(this.containerd.pid))
            return this.containerd;
        const l = this.layout;
        const started = performance.now();
        const pid = this.spawnDaemon(this.bin.containerd.path, containerdArgs(l), l.containerdLog);
        writeFileSync(l.containerdPidFile, `${pid}\n`);
        const readyMs = await this.waitReady('containerd', pid, () => socketAnswers(l.containerdSocket), l.containerdLog, started);
        this.containerd = { pid, version: this.bin.containerd.version, readyMs };
        return this.containerd;
    }
    /** SIGTERM to containerd alone: its shims, and so the containers, live on. */
    async stopContainerd() {
        const c = this.containerd;
        if (!c)
            return 0;
        this.sys.kill(c.pid, 'SIGTERM');
        const started = performance.now();
        while (isRunning(c.pid) && performance.now() - started < 5000)
            await new Promise((r) => setTimeout(r, 10));
        if (isRunning(c.pid))
            this.sys.kill(c.pid, 'SIGKILL');
        this.containerd = null;
        return performance.now() - started;
    }
    async startDockerd() {
        if (this.dockerd && isRunning(this.dockerd.pid))
            return this.dockerd;
        if (!this.containerd)
            throw new LabError('dockerd needs containerd: start containerd first');
        const l = this.layout;
        const started = performance.now();
        const pid = this.spawnDaemon(this.bin.dockerd.path, dockerdArgs(l), l.dockerLog);
        const readyMs = await this.waitReady('dockerd', pid, () => dockerPing(l.dockerSocket), l.dockerLog, started);
        this.dockerd = { pid, version: this.bin.dockerd.version, readyMs };
        return this.dockerd;
    }
    /** The docker CLI against the private dockerd (or another socket, e.g. the API proxy). */
    dockerArgv(args, socket = this.layout.dockerSocket) {
        return [this.bin.docker.path, '-H', `unix://${socket}`, ...args];
    }
    /** The docker CLI's environment: no ~/.docker config or context of the user's is read, DOCKER_CONFIG points into the lab dir. */
    dockerEnv() {
        return { ...process.env, DOCKER_CONFIG: `${this.layout.dir}/docker-cli`, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined };
    }
    /** Runs the docker CLI to its end; kept out of the step's log unless `log` says otherwise (the step shows the runs it means). */
    docker(args, opts = {}) {
        const { socket, ...rest } = opts;
        return this.sys.run(this.dockerArgv(args, socket), { env: this.dockerEnv(), log: false, ...rest });
    }
    ctrArgv(namespace, args) {
        return [this.bin.ctr.path, '--address', this.layout.containerdSocket, '--namespace', namespace, ...args];
    }
    /** Runs ctr to its end; kept out of the step's log unless `log` says otherwise. */
    ctr(namespace, args, opts = {}) {
        return this.sys.run(this.ctrArgv(namespace, args), { log: false, ...opts });
    }
    /** Everything goes: containers, shims, daemons, mounts, cgroups, files. */
    async stop() {
        const report = await cleanupDaemons(this.layout.dir, this.layout.cgroupParent);
        this.containerd = null;
        this.dockerd = null;
        this.reaper?.release(this.layout.dir);
        return report;
    }
}
