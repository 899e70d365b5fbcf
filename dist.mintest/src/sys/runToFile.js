// Runs a program whose children outlive it (runc create) with stdin /dev/null and its output appended to a file:
// Sys.run with the outputFile option.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
function sizeOf(path) {
    try {
        return statSync(path).size;
    }
    catch {
        return 0;
    }
}
/**
 * runc create hands its own stdin, stdout and stderr to the container's init (no terminal, no
 * shim to hold pipes): with pipes, the helper would wait for their end as long as the container
 * lives. So the program gets /dev/null and the log file, the wait is for its exit alone, and
 * what it wrote to the file during its run comes back as its stderr.
 */
export function runToFile(argv, log, timeoutMs = 30_000) {
    return new Promise((resolve) => {
        const from = sizeOf(log);
        const fd = openSync(log, 'a', 0o600);
        const startedAt = performance.timeOrigin + performance.now();
        const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', fd, fd] });
        closeSync(fd);
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        let done = false;
        const finish = (status, signal, error) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            let written = '';
            try {
                written = readFileSync(log).subarray(from).toString('utf8');
            }
            catch {
                // no file: nothing written
            }
            resolve({
                argv,
                status,
                signal,
                stdout: '',
                stderr: error ? `${written}${error.message}` : written,
                startedAt,
                endedAt: performance.timeOrigin + performance.now(),
                pid: child.pid ?? null,
            });
        };
        child.on('error', (e) => finish(null, null, e));
        child.on('exit', (code, sig) => finish(code, sig));
    });
}
