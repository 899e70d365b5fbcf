const O_ACCMODE = 0o3;
const O_PATH = 0o10000000;
/** fdinfo's "flags:" is octal: the access mode sits in its low two bits. */
export function fdMode(flagsOctal) {
    const flags = parseInt(flagsOctal, 8);
    if (flags & O_PATH)
        return 'path';
    return ['r', 'w', 'rw', 'rw'][flags & O_ACCMODE];
}
export function openFd(fs, pid, fd) {
    const dir = `/proc/${pid}`;
    try {
        const target = fs.readlink(`${dir}/fd/${fd}`);
        const flags = /^flags:\s+([0-7]+)$/m.exec(fs.readFile(`${dir}/fdinfo/${fd}`));
        return { pid, fd, target, mode: flags ? fdMode(flags[1]) : 'rw' };
    }
    catch {
        return null; // closed, or the process is gone
    }
}
export function openFds(fs, pid) {
    let names;
    try {
        names = fs.readdir(`/proc/${pid}/fd`);
    }
    catch {
        return [];
    }
    return names
        .map(Number)
        .sort((a, b) => a - b)
        .map((fd) => openFd(fs, pid, fd))
        .filter((f) => f !== null);
}
/**
 * The fds of `b` at the other end of each fd of `a`: the same pipe or FIFO (one readlink target
 * for both ends), opened the other way round. A pipe(2) has one inode for its two ends, so
 * "pipe:[N]" names the pipe, and only the access mode tells the ends apart.
 */
export function otherEnds(a, b) {
    const pairs = [];
    for (const x of a) {
        if (x.mode === 'path' || x.mode === 'rw')
            continue;
        for (const y of b) {
            if (y.target === x.target && y.mode !== 'path' && y.mode !== 'rw' && y.mode !== x.mode)
                pairs.push({ a: x, b: y });
        }
    }
    return pairs;
}
