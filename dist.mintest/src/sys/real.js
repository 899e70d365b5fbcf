import { existsSync, lstatSync, statSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import * as kernel from '../../native/kernel.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
import { logRun, runProgram, runProgramSync, startProgram } from './programs.js';
import { runToFile } from './runToFile.js';
import { fileStat } from './fileStat.js';
import { openat2Works, withOpenat2Root } from './inRoot.js';
import { withChrootRoot } from './inRootFallback.js';
function errnoOf(error) {
    return error?.code ?? 'EIO';
}
function logged(call, args, fn, ret = 0) {
    const started = performance.now();
    try {
        fn();
    }
    catch (error) {
        syscallLog.record(call, args, -1, errnoOf(error), performance.now() - started);
        throw error;
    }
    syscallLog.record(call, args, ret, undefined, performance.now() - started);
}
function logProgram(run, log) {
    if (log !== false)
        logRun(run, Array.isArray(log) ? log : run.argv);
    return run;
}
export const realSys = {
    kernel,
    inRoot: (root, use) => (openat2Works() ? withOpenat2Root(root, use) : withChrootRoot(root, use)),
    readFile: (path) => readFileSync(path, 'utf8'),
    readlink: (path) => readlinkSync(path),
    readdir: (path) => readdirSync(path),
    exists: (path) => existsSync(path),
    lstat: (path) => fileStat(lstatSync(path)),
    stat: (path) => fileStat(statSync(path)),
    readBytes: (path) => readFileSync(path),
    writeFile(path, data, how) {
        const bytes = Buffer.byteLength(data);
        if (!how)
            return logged('write', [quote(path), quote(data), String(bytes)], () => writeFileSync(path, data));
        const flags = how.append ? 'O_WRONLY|O_CREAT|O_APPEND' : 'O_WRONLY|O_CREAT|O_TRUNC';
        logged('write', [quote(path), quote(data), String(bytes), flags], () => writeFileSync(path, data, { flag: how.append ? 'a' : 'w', mode: how.mode }), bytes);
    },
    unlink(path) {
        logged('unlink', [quote(path)], () => unlinkSync(path));
    },
    mkdir(path, mode = 0o755) {
        logged('mkdir', [quote(path), '0' + mode.toString(8)], () => mkdirSync(path, { mode }));
    },
    rmdir(path) {
        logged('rmdir', [quote(path)], () => rmdirSync(path));
    },
    kill(pid, signal) {
        try {
            process.kill(pid, signal);
            syscallLog.record('kill', [String(pid), signal], 0);
            return true;
        }
        catch (error) {
            if (errnoOf(error) === 'ESRCH')
                return false;
            syscallLog.record('kill', [String(pid), signal], -1, errnoOf(error));
            throw error;
        }
    },
    async run(argv, opts = {}) {
        const run = opts.outputFile ? await runToFile(argv, opts.outputFile, opts.timeoutMs) : await runProgram(argv, opts);
        return logProgram(run, opts.log);
    },
    runSync(argv, opts = {}) {
        return logProgram(runProgramSync(argv, opts), opts.log);
    },
    start: (argv, opts) => startProgram(argv, opts),
    record: (call, args, ret, errno, ms) => void syscallLog.record(call, args, ret, errno, ms),
    drain: () => syscallLog.drain(),
};
