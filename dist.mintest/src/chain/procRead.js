/** The process from /proc/<pid>/stat and cmdline, zombies included; null when it is gone. */
export function readProc(fs, pid) {
    try {
        const stat = fs.readFile(`/proc/${pid}/stat`);
        const close = stat.lastIndexOf(')');
        const f = stat.slice(close + 2).split(' ');
        const cmdline = fs.readFile(`/proc/${pid}/cmdline`).replace(/\0+$/, '').replace(/\0/g, ' ');
        return { pid, ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, close), state: f[0], cmdline };
    }
    catch {
        return null;
    }
}
/** The process if it runs: not gone, not a zombie (Z) or dead (X). */
export function liveProc(fs, pid) {
    const p = readProc(fs, pid);
    return p && p.state !== 'Z' && p.state !== 'X' ? p : null;
}
/** Every running process in /proc but the helper itself. */
export function liveProcs(fs) {
    return fs.readdir('/proc')
        .filter((n) => /^\d+$/.test(n))
        .map((n) => liveProc(fs, Number(n)))
        .filter((p) => p !== null && p.pid !== process.pid);
}
/** The last PID of /proc/<pid>/status NSpid: the process's PID in its own PID namespace. */
export function nsPid(fs, pid) {
    return /^NSpid:\s+(.*)$/m.exec(fs.readFile(`/proc/${pid}/status`))?.[1].trim().split(/\s+/).pop() ?? '?';
}
