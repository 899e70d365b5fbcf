// In-root file calls without openat2(2) (Linux < 5.6): each one done by a child that enters the container's mount namespace and chroots into its root.
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';
import { programs } from './paths.js';
import { runProgramSync } from './programs.js';
import { lstatSucceeds, nsPidOf, relInRoot, splitInRoot } from './inRootPath.js';
import type { FileStat, InRoot, WriteHow } from './types.js';
import type { SyscallEntry } from '../types.js';

interface Reply {
  ok: boolean;
  value?: unknown;
  code?: string;
  message?: string;
  log?: SyscallEntry[];
}

/** Runs src/programs/inRoot.ts for one operation; its kernel calls join this process's log when `record`. */
export function runInRootChild(root: string, op: string, path: string, extra: Record<string, unknown>, record: boolean): unknown {
  const request = { root, nsPid: nsPidOf(root), op, path, ...extra };
  const run = runProgramSync([process.execPath, programs.inRoot, JSON.stringify(request)], { timeoutMs: 10_000 });
  let reply: Reply;
  try {
    reply = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as Reply;
  } catch {
    throw new LabError(`the in-root helper for ${root} gave no answer (${run.error ?? run.signal ?? 'status ' + run.status}): ${run.stderr.trim().slice(0, 200)}`);
  }
  if (record) {
    for (const e of reply.log ?? []) syscallLog.record(e.call, e.args, e.ret, e.errno, e.ms);
  }
  if (!reply.ok) throw Object.assign(new Error(`${op} ${path} inside ${root}: ${reply.code}`), { code: reply.code ?? 'EIO' });
  return reply.value;
}

class ChrootRoot implements InRoot {
  readonly via = 'chroot';
  constructor(readonly root: string) {}

  private call(op: string, path: string, extra: Record<string, unknown> = {}, record = false): unknown {
    return runInRootChild(this.root, op, path, extra, record);
  }

  readBytes(path: string): Buffer {
    return Buffer.from(this.call('readFile', '/' + relInRoot(path)) as string, 'base64');
  }

  readFile(path: string): string {
    return this.readBytes(path).toString('utf8');
  }

  readdir(path: string): string[] {
    return this.call('readdir', '/' + relInRoot(path)) as string[];
  }

  lstat(path: string): FileStat {
    return this.call('lstat', '/' + relInRoot(path)) as FileStat;
  }

  readlink(path: string): string {
    return this.call('readlink', '/' + splitInRoot(path).rel) as string;
  }

  exists(path: string): boolean {
    return lstatSucceeds((p) => this.lstat(p), path);
  }

  writeFile(path: string, data: string, how: WriteHow = {}): void {
    this.call('writeFile', '/' + splitInRoot(path).rel, { data, append: how.append === true, mode: how.mode ?? 0o666 }, true);
  }

  unlink(path: string): void {
    this.call('unlink', '/' + splitInRoot(path).rel, {}, true);
  }

  rmdir(path: string): void {
    this.call('rmdir', '/' + splitInRoot(path).rel, {}, true);
  }

  mkdir(path: string, mode = 0o755): void {
    this.call('mkdir', '/' + splitInRoot(path).rel, { mode }, true);
  }
}

export function withChrootRoot<T>(root: string, use: (r: InRoot) => T): T {
  return use(new ChrootRoot(root));
}
