// Runs programs, to their end or left running, and logs them strace-style: the one way the lab starts a program.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { syscallLog, quote } from '../../native/syscallLog.js';
import { closing } from './closing.js';
const MAX_OUTPUT = 1 << 20;
export function runProgram(argv, opts = {}) {
    return new Promise((resolve) => {
        const startedAt = performance.timeOrigin + performance.now();
        const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env });
        if (child.pid !== undefined)
            opts.onSpawn?.(child.pid);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => {
            if (stdout.length < MAX_OUTPUT)
                stdout += d.toString('utf8');
        });
        child.stderr.on('data', (d) => {
            if (stderr.length < MAX_OUTPUT)
                stderr += d.toString('utf8');
        });
        child.stdin.on('error', () => { });
        child.stdin.end(opts.input ?? '');
        const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
        // the app is gone: nobody waits for this run, and the close must not wait for it either
        const stop = () => child.kill('SIGKILL');
        closing.addEventListener('abort', stop, { once: true });
        if (closing.aborted)
            stop();
        const finish = (status, signal, error) => {
            clearTimeout(timer);
            closing.removeEventListener('abort', stop);
            resolve({
                argv,
                status,
                signal,
                stdout,
                stderr: error ? `${stderr}${error.message}` : stderr,
                startedAt,
                endedAt: performance.timeOrigin + performance.now(),
                pid: child.pid ?? null,
            });
        };
        child.on('error', (e) => finish(null, null, e));
        child.on('close', (code, sig) => finish(code, sig));
    });
}
/** The last lines of a program's error output, for a message. */
export function tail(text, lines = 3) {
    return text.trim().split('\n').slice(-lines).join('\n');
}
/** The same run, blocking: checks read state synchronously. */
export function runProgramSync(argv, opts = {}) {
    const startedAt = performance.timeOrigin + performance.now();
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', input: opts.input ?? '', env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 10_000, maxBuffer: MAX_OUTPUT });
    return {
        argv,
        status: r.status,
        signal: r.signal,
        stdout: r.stdout ?? '',
        stderr: (r.stderr ?? '') + (r.error ? r.error.message : ''),
        startedAt,
        endedAt: performance.timeOrigin + performance.now(),
        pid: r.pid ?? null,
        ...(r.error ? { error: r.error.code ?? r.error.message } : {}),
    };
}
/** One log line for a finished program run: its argv and exit status, how long it ran. */
export function logRun(run, shown = run.argv) {
    const name = shown[0].slice(shown[0].lastIndexOf('/') + 1);
    const args = shown.slice(1).map((a) => (a.length > 60 ? quote(a.slice(0, 57) + '...') : quote(a)));
    const ret = run.status ?? (run.signal ? `killed by ${run.signal}` : -1);
    syscallLog.record(name, args, ret, run.error, run.endedAt - run.startedAt);
}
/** A daemon or watcher started in the background: logged at its spawn. */
export function logSpawn(argv, pid, ms) {
    const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
    syscallLog.record(`spawn ${name}`, argv.slice(1).map((a) => quote(a)), pid, undefined, ms);
}
/**
 * Starts a program that outlives the step and returns at once; throws when it cannot start (no PID).
 * Logged as `spawn <name>` unless opts.log is false (a daemon is logged by its caller once ready).
 */
export function startProgram(argv, opts = {}) {
    const started = performance.now();
    const fd = opts.output ? openSync(opts.output, 'a') : null;
    let child;
    try {
        const stderr = fd ?? (opts.quiet ? 'ignore' : 'inherit');
        const stdio = [opts.pipes ? 'pipe' : 'ignore', opts.pipes ? 'pipe' : (fd ?? 'ignore'), stderr];
        if (opts.parentPipe)
            stdio.push('pipe');
        child = spawn(argv[0], argv.slice(1), { stdio, detached: opts.detached ?? false, cwd: opts.cwd, argv0: opts.argv0 });
    }
    finally {
        if (fd !== null)
            closeSync(fd);
    }
    child.on('error', () => { }); // the reason (ENOENT, EACCES…) arrives later; no PID says enough
    child.stdin?.on('error', () => { });
    if (opts.unref)
        child.unref();
    const shown = Array.isArray(opts.log) ? opts.log : argv;
    if (child.pid === undefined) {
        if (opts.log !== false)
            logSpawn(shown, -1);
        throw new Error(`could not start ${argv[0]}`);
    }
    if (opts.log !== false)
        logSpawn(shown, child.pid, performance.now() - started);
    const pid = child.pid;
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    return {
        pid,
        firstLine: (timeoutMs) => new Promise((resolve) => {
            if (!child.stdout)
                return resolve(null);
            const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
            const timer = setTimeout(() => resolve(null), timeoutMs);
            lines.once('line', (line) => {
                clearTimeout(timer);
                resolve(line);
            });
            lines.once('close', () => {
                clearTimeout(timer);
                resolve(null);
            });
        }),
        stop: (timeoutMs = 1000) => new Promise((resolve) => {
            if (exited())
                return resolve();
            const timer = setTimeout(resolve, timeoutMs);
            child.once('exit', () => {
                clearTimeout(timer);
                resolve();
            });
            try {
                process.kill(pid, 'SIGKILL');
            }
            catch {
                // already gone
            }
        }),
        onExit: (listener) => void child.on('exit', () => listener()),
    };
}
