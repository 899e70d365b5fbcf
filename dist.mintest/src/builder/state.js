import { LabError } from '../errors.js';
export class ContainerState {
    mntUnshared = false;
    pidUnshared = false;
    /** the session's scratch directory (session-<id>), from the helper that started this process */
    initPid = null;
    initAlive = false;
    shells = new Set();
    /** Mount work is only ever done in a mount namespace of our own, never in the host's. */
    requireOwnMountNamespace() {
        if (!this.mntUnshared) {
            throw new LabError('refusing to mount: this process is still in the host\'s mount namespace', 'run the step that unshares the mount namespace (CLONE_NEWNS) first');
        }
    }
    /** After unshare(CLONE_NEWPID) the first child becomes PID 1; when it exits the namespace is dead. */
    requireInitIfPidNamespace() {
        if (this.pidUnshared && !this.initAlive) {
            throw new LabError('the new PID namespace has no PID 1', this.initPid === null ? 'start the container\'s first process (PID 1) before running commands in it'
                : 'PID 1 has exited, so the kernel refuses new processes in this PID namespace (fork: ENOMEM); reset the lesson');
        }
    }
    /** PID 1 of the new PID namespace, started by start-init or by the container-by-hand lesson. */
    adoptInit(child) {
        if (this.initAlive)
            throw new LabError(`PID 1 is already running (host PID ${this.initPid})`);
        this.initPid = child.pid ?? null;
        this.initAlive = true;
        child.on('exit', () => {
            this.initAlive = false;
        });
    }
}
