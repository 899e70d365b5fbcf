// The real Sys: koffi kernel calls, node:fs on kernel files, programs run to their end — each logged.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmdirSync, writeFileSync } from 'node:fs';
import * as kernel from '../../native/kernel.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
import { logRun, runProgram, runProgramSync } from './programs.js';
import type { FileStat, ProgramRun, RunOptions, Sys } from './types.js';

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'EIO';
}

function logged(call: string, args: string[], fn: () => void): void {
  const started = performance.now();
  try {
    fn();
  } catch (error) {
    syscallLog.record(call, args, -1, errnoOf(error), performance.now() - started);
    throw error;
  }
  syscallLog.record(call, args, 0, undefined, performance.now() - started);
}

function logProgram(run: ProgramRun, log: RunOptions['log']): ProgramRun {
  if (log !== false) logRun(run, Array.isArray(log) ? log : run.argv);
  return run;
}

export const realSys: Sys = {
  kernel,
  readFile: (path) => readFileSync(path, 'utf8'),
  readlink: (path) => readlinkSync(path),
  readdir: (path) => readdirSync(path),
  exists: (path) => existsSync(path),
  lstat(path): FileStat {
    const s = lstatSync(path);
    return {
      dev: s.dev, ino: s.ino, mode: s.mode, uid: s.uid, gid: s.gid, size: s.size, rdev: s.rdev,
      isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: s.isSymbolicLink(), isCharacterDevice: s.isCharacterDevice(),
    };
  },
  writeFile(path, data) {
    logged('write', [quote(path), quote(data), String(Buffer.byteLength(data))], () => writeFileSync(path, data));
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
    } catch (error) {
      if (errnoOf(error) === 'ESRCH') return false;
      syscallLog.record('kill', [String(pid), signal], -1, errnoOf(error));
      throw error;
    }
  },
  async run(argv, opts = {}) {
    return logProgram(await runProgram(argv, opts), opts.log);
  },
  runSync(argv, opts = {}) {
    return logProgram(runProgramSync(argv, opts), opts.log);
  },
  start(argv, opts = {}) {
    const fd = opts.output ? openSync(opts.output, 'a') : null;
    try {
      const out = fd ?? 'ignore';
      const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, out], cwd: opts.cwd });
      child.on('error', () => {});
      child.unref();
      if (child.pid === undefined) throw new Error(`could not start ${argv[0]}`);
      return child.pid;
    } finally {
      if (fd !== null) closeSync(fd);
    }
  },
  record: (call, args, ret, errno, ms) => void syscallLog.record(call, args, ret, errno, ms),
  drain: () => syscallLog.drain(),
};
