// The app's side of the helper: starts it (directly, with sudo, or rootless) and calls it.
import { spawn } from 'node:child_process';
import { RpcClient } from './rpc.js';
import { LabError } from '../errors.js';
import { inert, inertDeep } from '../format/inert.js';
import { idleNodeFlags, programs } from '../sys/paths.js';
export class HelperClient {
    child;
    rpc;
    exitReason = null;
    constructor(child) {
        this.child = child;
        this.rpc = new RpcClient(child.stdin, child.stdout);
        child.on('exit', (code, signal) => {
            this.exitReason = `the helper process exited (${signal ?? 'code ' + code})`;
            this.rpc.fail(this.exitReason);
        });
        child.on('error', (e) => {
            this.exitReason = `the helper could not start: ${e.message}`;
            this.rpc.fail(this.exitReason);
        });
    }
    /** `stderr` is where the helper's own diagnostics go: 'inherit' for the CLI, 'ignore' under the TUI. */
    static start(mode, stderr = 'ignore', extraArgs = []) {
        const argv = [process.execPath, ...idleNodeFlags, programs.helper, '--container-lab-helper', ...extraArgs];
        const full = mode === 'sudo' ? ['sudo', '-n', '--', ...argv] : argv;
        const child = spawn(full[0], full.slice(1), { stdio: ['pipe', 'pipe', stderr] });
        return new HelperClient(child);
    }
    /** Progress the helper reports while a step runs; null stops listening. */
    onProgress(listener) {
        this.rpc.onEvent = listener && ((event, data) => listener(inert(event), inertDeep(data)));
    }
    /**
     * Everything the helper sends back is made inert here, the one door to the app: program
     * output, error messages that quote it, and what /proc says (a container sets its own comm
     * and hostname, to an escape sequence if it likes) reach the terminal shown, never acted on.
     */
    async call(method, params) {
        try {
            return inertDeep(await this.rpc.call(method, params));
        }
        catch (e) {
            if (!(e instanceof LabError))
                throw e;
            throw new LabError(inert(e.message), e.hint === undefined ? undefined : inert(e.hint), e.code, inertDeep(e.log));
        }
    }
    get pid() {
        return this.child.pid;
    }
    get alive() {
        return this.exitReason === null;
    }
    hello() {
        return this.call('hello');
    }
    sweep() {
        return this.call('sweep');
    }
    open() {
        return this.call('open');
    }
    act(name, params) {
        return this.call('act', { name, params });
    }
    checks(specs) {
        return this.call('checks', { specs });
    }
    /** A snapshot answered even while a step holds the helper's queue (see serve's `immediate`). */
    liveSnapshot() {
        return this.call('liveSnapshot');
    }
    snapshot() {
        return this.call('snapshot');
    }
    shell(tty) {
        return this.call('shell', { tty });
    }
    /** What the container lacks for a shell (capability names); empty when one can open. */
    shellMissing() {
        return this.rpc.call('shellMissing');
    }
    pids() {
        return this.call('pids');
    }
    closeLesson() {
        return this.call('close');
    }
    /** Closes stdin: the helper tears everything down and exits. Resolves when it has. */
    async stop(timeoutMs = 3000) {
        if (this.child.exitCode !== null || this.child.signalCode !== null)
            return;
        const exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
        this.child.stdin?.end();
        const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
    }
}
