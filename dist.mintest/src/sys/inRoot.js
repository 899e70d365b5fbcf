// In-root file calls through openat2(2) RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS: the root opened once, every path resolved inside it.
import { fstatSync, readFileSync, writeSync } from 'node:fs';
import { syscallLog, quote } from '../../native/syscallLog.js';
import { O, RESOLVE, closeFd, mkdirat, openDir, openat2, readdirFd, readlinkFd, unlinkat } from '../../native/openat2.js';
import { fileStat } from './fileStat.js';
import { lstatSucceeds, relInRoot, splitInRoot } from './inRootPath.js';
const IN_ROOT = RESOLVE.IN_ROOT | RESOLVE.NO_MAGICLINKS;
function withFd(fd, use) {
    try {
        return use(fd);
    }
    finally {
        closeFd(fd);
    }
}
class Openat2Root {
    root;
    dir;
    via = 'openat2';
    constructor(root, dir) {
        this.root = root;
        this.dir = dir;
    }
    open(path, flags, record = false, mode = 0) {
        return openat2(this.dir, path, flags | O.CLOEXEC, mode, IN_ROOT, record);
    }
    /** The parent directory, resolved in the root; the last name stays for an *at(2) call that does not follow it. */
    parent(path, use) {
        const { parent, name } = splitInRoot(path);
        const fd = this.open(parent, O.PATH | O.DIRECTORY, true);
        return withFd(fd, () => use({ fd, shown: `${fd}<${this.root}/${parent === '.' ? '' : parent}>` }, name));
    }
    /** O_NONBLOCK: a FIFO the container planted fails with EAGAIN instead of hanging the helper. */
    readBytes(path) {
        return withFd(this.open(relInRoot(path), O.NONBLOCK), (fd) => readFileSync(fd));
    }
    readFile(path) {
        return this.readBytes(path).toString('utf8');
    }
    readdir(path) {
        return withFd(this.open(relInRoot(path), O.DIRECTORY), readdirFd);
    }
    lstat(path) {
        return withFd(this.open(relInRoot(path), O.PATH | O.NOFOLLOW), (fd) => fileStat(fstatSync(fd)));
    }
    readlink(path) {
        return withFd(this.open(splitInRoot(path).rel, O.PATH | O.NOFOLLOW), readlinkFd);
    }
    exists(path) {
        return lstatSucceeds((p) => this.lstat(p), path);
    }
    writeFile(path, data, how = {}) {
        const flags = O.WRONLY | O.CREAT | O.NONBLOCK | (how.append ? O.APPEND : O.TRUNC);
        withFd(this.open(splitInRoot(path).rel, flags, true, how.mode ?? 0o666), (fd) => {
            const bytes = Buffer.byteLength(data);
            if (bytes > 0)
                writeSync(fd, data);
            syscallLog.record('write', [String(fd), quote(data), String(bytes)], bytes);
        });
    }
    unlink(path) {
        this.parent(path, (dir, name) => unlinkat(dir, name, false));
    }
    rmdir(path) {
        this.parent(path, (dir, name) => unlinkat(dir, name, true));
    }
    mkdir(path, mode = 0o755) {
        this.parent(path, (dir, name) => mkdirat(dir, name, mode));
    }
}
let works = null;
/**
 * Whether this kernel has openat2(2) (Linux ≥ 5.6; a seccomp filter may refuse it too): one
 * unlogged probe per process. CONTAINER_LAB_NO_OPENAT2=1 pretends ENOSYS (the fallback's tests).
 */
export function openat2Works() {
    if (process.env.CONTAINER_LAB_NO_OPENAT2 === '1')
        return false;
    if (works === null) {
        try {
            closeFd(openat2({ fd: -100, shown: 'AT_FDCWD' }, '/', O.PATH | O.CLOEXEC, 0, 0, false));
            works = true;
        }
        catch {
            works = false;
        }
    }
    return works;
}
/** Opens root (O_PATH|O_DIRECTORY), runs `use`, closes it. */
export function withOpenat2Root(root, use) {
    const dir = openDir(root, false);
    return withFd(dir.fd, () => use(new Openat2Root(root, dir)));
}
