// One file operation inside a container's root, for kernels without openat2(2): enter, chroot, do it, print JSON.
//   runs as:    the helper's or the builder's user (root)
//   namespaces: its parent's; with a PID in the request, it setns(2)es into that process's mount namespace
//   started by: the in-root fallback, runInRootChild() in src/sys/inRootFallback.ts (runSync, 10 s)
//   ends when:  after the one operation and one JSON line on stdout
// The root is opened before setns(2) (afterwards /proc/<pid> of the host may not be reachable),
// then fchdir(2) + chroot("."): every path after that, symlinks included, resolves inside it, as it
// would for the container's own processes. setns(CLONE_NEWNS) needs unshare(CLONE_FS) first in Node.
import { constants, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { CLONE, chdir, chroot, fchdir, setns, unshare } from '../../native/kernel.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
const O_PATH = 0o10000000;
function logged(call, args, fn) {
    try {
        const value = fn();
        syscallLog.record(call, args, 0);
        return value;
    }
    catch (error) {
        syscallLog.record(call, args, -1, error.code ?? 'EIO');
        throw error;
    }
}
function operate(r) {
    const p = quote(r.path);
    switch (r.op) {
        case 'readFile': return readFileSync(r.path).toString('base64');
        case 'readdir': return readdirSync(r.path);
        case 'readlink': return readlinkSync(r.path);
        case 'lstat': {
            const s = lstatSync(r.path);
            return {
                dev: s.dev, ino: s.ino, mode: s.mode, uid: s.uid, gid: s.gid, size: s.size, rdev: s.rdev,
                isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: s.isSymbolicLink(), isCharacterDevice: s.isCharacterDevice(),
            };
        }
        case 'writeFile': {
            const flags = r.append ? 'O_WRONLY|O_CREAT|O_APPEND' : 'O_WRONLY|O_CREAT|O_TRUNC';
            return logged('write', [p, quote(r.data ?? ''), String(Buffer.byteLength(r.data ?? '')), flags], () => writeFileSync(r.path, r.data ?? '', { flag: r.append ? 'a' : 'w', mode: r.mode ?? 0o666 }));
        }
        case 'unlink': return logged('unlink', [p], () => unlinkSync(r.path));
        case 'rmdir': return logged('rmdir', [p], () => rmdirSync(r.path));
        case 'mkdir': return logged('mkdir', [p, '0' + (r.mode ?? 0o755).toString(8)], () => mkdirSync(r.path, { mode: r.mode ?? 0o755 }));
    }
}
const request = JSON.parse(process.argv[2] ?? '{}');
try {
    const rootFd = openSync(request.root, O_PATH | constants.O_DIRECTORY);
    if (request.nsPid !== null) {
        const nsFd = openSync(`/proc/${request.nsPid}/ns/mnt`, 'r');
        unshare(CLONE.FS);
        setns(nsFd, CLONE.NEWNS);
    }
    fchdir(rootFd);
    chroot('.');
    chdir('/');
    const value = operate(request);
    process.stdout.write(JSON.stringify({ ok: true, value: value ?? null, log: syscallLog.drain() }) + '\n');
}
catch (error) {
    const e = error;
    process.stdout.write(JSON.stringify({ ok: false, code: e.code ?? 'EIO', message: e.message, log: syscallLog.drain() }) + '\n');
    process.exitCode = 1;
}
