// In-root file calls without openat2(2) (Linux < 5.6): each one done by a child that enters the container's mount namespace and chroots into its root.
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';
import { programs } from './paths.js';
import { runProgramSync } from './programs.js';
import { lstatSucceeds, nsPidOf, relInRoot, splitInRoot } from './inRootPath.js';
/** Runs src/programs/inRoot.ts for one operation; its kernel calls join this process's log when `record`. */
export function runInRootChild(root, op, path, extra, record) {
    const request = { root, nsPid: nsPidOf(root), op, path, ...extra };
    const run = runProgramSync([process.execPath, programs.inRoot, JSON.stringify(request)], { timeoutMs: 10_000 });
    let reply;
    try {
        reply = JSON.parse(run.stdout.trim().split('\n').pop() ?? '');
    }
    catch {
        throw new LabError(`the in-root helper for ${root} gave no answer (${run.error ?? run.signal ?? 'status ' + run.status}): ${run.stderr.trim().slice(0, 200)}`);
    }
    if (record) {
        for (const e of reply.log ?? [])
            syscallLog.record(e.call, e.args, e.ret, e.errno, e.ms);
    }
    if (!reply.ok)
        throw Object.assign(new Error(`${op} ${path} inside ${root}: ${reply.code}`), { code: reply.code ?? 'EIO' });
    return reply.value;
}
class ChrootRoot {
    root;
    via = 'chroot';
    constructor(root) {
        this.root = root;
    }
    call(op, path, extra = {}, record = false) {
        return runInRootChild(this.root, op, path, extra, record);
    }
    readBytes(path) {
        return Buffer.from(this.call('readFile', '/' + relInRoot(path)), 'base64');
    }
    readFile(path) {
        return this.readBytes(path).toString('utf8');
    }
    readdir(path) {
        return this.call('readdir', '/' + relInRoot(path));
    }
    lstat(path) {
        return this.call('lstat', '/' + relInRoot(path));
    }
    readlink(path) {
        return this.call('readlink', '/' + splitInRoot(path).rel);
    }
    exists(path) {
        return lstatSucceeds((p) => this.lstat(p), path);
    }
    writeFile(path, data, how = {}) {
        this.call('writeFile', '/' + splitInRoot(path).rel, { data, append: how.append === true, mode: how.mode ?? 0o666 }, true);
    }
    unlink(path) {
        this.call('unlink', '/' + splitInRoot(path).rel, {}, true);
    }
    rmdir(path) {
        this.call('rmdir', '/' + splitInRoot(path).rel, {}, true);
    }
    mkdir(path, mode = 0o755) {
        this.call('mkdir', '/' + splitInRoot(path).rel, { mode }, true);
    }
}
export function withChrootRoot(root, use) {
    return use(new ChrootRoot(root));
}
