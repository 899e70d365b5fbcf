// The real Sys: koffi kernel calls, node:fs on kernel files, programs run to their end — each logged.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, statSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import * as kernel from '../../native/kernel.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
import { logRun, logSpawn, runProgram, runProgramSync, startProgram } from './programs.js';
import { runToFile } from './runToFile.js';
import { fileStat } from './fileStat.js';
import { openat2Works, withOpenat2Root } from './inRoot.js';
import { withChrootRoot } from './inRootFallback.js';
import type { ProgramRun, RunOptions, Sys } from './types.js';

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'EIO';
}

function logged(call: string, args: string[], fn: () => void, ret: number = 0): void {
  const started = performance.now();
  try {
    fn();
  } catch (error) {
    syscallLog.record(call, args, -1, errnoOf(error), performance.now() - started);
    throw error;
  }
  syscallLog.record(call, args, ret, undefined, performance.now() - started);
}

function logProgram(run: ProgramRun, log: RunOptions['log']): ProgramRun {
  if (log !== false) logRun(run, Array.isArray(log) ? log : run.argv);
  return run;
}


export const realSys: Sys = {
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
    if (!how) return logged('write', [quote(path), quote(data), String(bytes)], () => writeFileSync(path, data));
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
    } catch (error) {
      if (errnoOf(error) === 'ESRCH') return false;
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
