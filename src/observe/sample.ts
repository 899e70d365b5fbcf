// Reads a process's kernel state from <root>/proc and cgroup files, synchronously.
import { existsSync, readFileSync, readlinkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NS_TYPES, type CgroupMembership, type MountEntry, type NsType, type ProcessInfo } from '../types.js';
import { parseStatus } from './parse/status.js';
import { parseMountinfo } from './parse/mountinfo.js';
import { parseProcCgroup } from './parse/cgroup.js';
import { parseNetDev } from './parse/netdev.js';
import { parseNsLink } from './parse/nsLink.js';
import { mapInsideToOutside, mapOutsideToInside, parseIdMap } from './parse/idMap.js';

/*
 * Everything here is synchronous on purpose: the helper calls these on its main thread after
 * unshare/setns/pivot_root, and namespaces are per thread — fs.promises runs on threadpool
 * threads that still see the host.
 *
 * A process can exit between listing /proc and reading its files. Opening a file of a PID that
 * is gone gives ENOENT; reading one whose task has just been reaped gives ESRCH. Readers of one
 * process throw ProcessGoneError for those, so callers can skip it; the /proc scans skip such
 * processes themselves. Any other error throws a plain Error naming the file.
 */

/** The process whose file was being read has exited (ENOENT/ESRCH under /proc/<pid>). */
export class ProcessGoneError extends Error {
  constructor(
    readonly pid: number,
    readonly path: string,
  ) {
    super(`process ${pid} is gone (${path} no longer exists)`);
    this.name = 'ProcessGoneError';
  }
}

function isVanished(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ESRCH';
}

function fail(path: string, what: string, e: unknown): never {
  const detail = e instanceof Error ? e.message : String(e);
  throw new Error(`cannot ${what} ${path}: ${detail}`, { cause: e });
}

/** The file's text, or null when it does not exist. */
function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (isVanished(e)) return null;
    fail(path, 'read', e);
  }
}

function procPath(root: string, pid: number, file: string): string {
  return join(root, 'proc', String(pid), file);
}

/** A file of /proc/<pid>; ProcessGoneError when the process has exited. */
function readProcFile(root: string, pid: number, file: string): string {
  const path = procPath(root, pid, file);
  const text = readOrNull(path);
  if (text === null) throw new ProcessGoneError(pid, path);
  return text;
}

/** Runs a parser on a file's text; a parse failure names the file. */
function parseFile<T>(path: string, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (e) {
    fail(path, 'parse', e);
  }
}

function readProcParsed<T>(root: string, pid: number, file: string, parse: (text: string) => T): T {
  return parseFile(procPath(root, pid, file), readProcFile(root, pid, file), parse);
}

/* Best effort, only to tell whose view a uid is in: ns links need ptrace read access to the
 * process, which even root can lack (EACCES for PID 1 on some hosts), so any error is "unknown". */
function readUserNsInode(root: string, pid: number | 'self'): number | null {
  try {
    return parseNsLink(readlinkSync(join(root, 'proc', String(pid), 'ns', 'user')))?.inode ?? null;
  } catch {
    return null;
  }
}

/*
 * A process as the panel shows it; role is left for the caller. Status reports uids mapped
 * into the reader's user namespace, while uid_map's outside column is the parent namespace's
 * when the reader is in the same user namespace as <pid> (user_namespaces(7)). So from an
 * ancestor namespace (the host) the status uid is the outside one; from inside the same
 * namespace (a rootless helper) it is already the inside one. "self" under root tells which;
 * when that cannot be known, the reader is taken to be outside (the host).
 */
export function readProcess(root: string, pid: number): ProcessInfo {
  const status = readProcParsed(root, pid, 'status', parseStatus);
  const cmdline = readProcFile(root, pid, 'cmdline');
  // uid_map is absent only without CONFIG_USER_NS (or once the process is gone): no inside uid.
  const mapPath = procPath(root, pid, 'uid_map');
  const mapText = readOrNull(mapPath);
  const map = mapText === null ? null : parseFile(mapPath, mapText, parseIdMap);

  const seen = status.uid[0];
  let uid = seen;
  let uidInside: number | null = null;
  if (map !== null) {
    const selfNs = readUserNsInode(root, 'self');
    if (selfNs !== null && selfNs === readUserNsInode(root, pid)) {
      uidInside = seen;
      uid = mapInsideToOutside(seen, map) ?? seen;
    } else {
      uidInside = mapOutsideToInside(seen, map);
    }
  }
  return {
    hostPid: status.pid,
    nsPids: status.nsPids,
    ppid: status.ppid,
    name: status.name,
    cmdline: cmdline.replace(/\0/g, ' ').trim(),
    uid,
    uidInside,
    role: '',
  };
}

/** Namespace inodes from the links in <root>/proc/<pid>/ns; types the kernel lacks are omitted. */
export function readNamespaces(root: string, pid: number): Partial<Record<NsType, number>> {
  const out: Partial<Record<NsType, number>> = {};
  for (const type of NS_TYPES) {
    const path = procPath(root, pid, join('ns', type));
    let text: string;
    try {
      text = readlinkSync(path);
    } catch (e) {
      if (isVanished(e)) continue;
      fail(path, 'read link', e);
    }
    const link = parseNsLink(text);
    if (link === null || link.type !== type) throw new Error(`unexpected link ${path} -> ${JSON.stringify(text)}`);
    out[type] = link.inode;
  }
  return out;
}

/** The mount table as <pid> sees it (paths relative to its root directory). */
export function readMountinfo(root: string, pid: number): MountEntry[] {
  return readProcParsed(root, pid, 'mountinfo', parseMountinfo);
}

/** The cgroups <pid> is in, paths relative to the reader's cgroup namespace. */
export function readProcCgroup(root: string, pid: number): CgroupMembership[] {
  return readProcParsed(root, pid, 'cgroup', parseProcCgroup);
}

/** Interface names in <pid>'s network namespace. */
export function readNetDevNames(root: string, pid: number): string[] {
  return readProcParsed(root, pid, join('net', 'dev'), parseNetDev);
}

/** /proc/<pid>/uid_map as the kernel prints it; "" while the map has not been written. */
export function readUidMap(root: string, pid: number): string {
  return readProcFile(root, pid, 'uid_map');
}

/** /proc/<pid>/gid_map as the kernel prints it; "" while the map has not been written. */
export function readGidMap(root: string, pid: number): string {
  return readProcFile(root, pid, 'gid_map');
}

/** A cgroup control file under root (dir is absolute, e.g. from cgroupDirFor), or null if absent. */
export function readCgroupFile(root: string, dir: string, name: string): string | null {
  return readOrNull(join(root, dir, name));
}

/*
 * PPid of every process under <root>/proc, from one scan: one status file per process on the
 * host (hundreds on a laptop). Used where the kernel has no children files (below).
 */
function scanChildren(root: string): Map<number, number[]> {
  const dir = join(root, 'proc');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    fail(dir, 'list', e);
  }
  const children = new Map<number, number[]>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const path = join(dir, name, 'status');
    const text = readOrNull(path);
    if (text === null) continue;
    const m = /^PPid:\s*(\d+)\s*$/m.exec(text);
    if (!m) throw new Error(`cannot parse ${path}: no "PPid:" line`);
    const ppid = Number(m[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  for (const list of children.values()) list.sort((a, b) => a - b);
  return children;
}

/** PIDs whose parent is <pid>, ascending. */
export function listChildren(root: string, pid: number): number[] {
  return scanChildren(root).get(pid) ?? [];
}

/*
 * /proc/<pid>/task/<tid>/children (proc(5)): the PIDs each thread of <pid> is the parent of, so
 * all of a process's children are the union over its threads. It needs CONFIG_PROC_CHILDREN
 * (Debian, Ubuntu and Fedora kernels have it; so does the CRIU that reads it): where a thread's
 * task directory exists but the file does not, the kernel lacks it and the answer is null. Like
 * a scan of /proc it is a moment's view: a child forked meanwhile may be missing from both.
 */
function childrenFromTasks(root: string, pid: number): number[] | null {
  const tasks = join(root, 'proc', String(pid), 'task');
  let tids: string[];
  try {
    tids = readdirSync(tasks);
  } catch (e) {
    // no task directory in a tree without one (a fixture captured without it): scan instead
    if (isVanished(e)) return existsSync(join(root, 'proc', String(pid))) ? null : [];
    fail(tasks, 'list', e);
  }
  const out = new Set<number>();
  for (const tid of tids) {
    const text = readOrNull(join(tasks, tid, 'children'));
    if (text === null) {
      if (existsSync(join(tasks, tid))) return null; // the thread is there, its children file is not
      continue; // the thread exited
    }
    for (const word of text.split(' ')) if (/^\d+$/.test(word.trim())) out.add(Number(word));
  }
  return [...out].sort((a, b) => a - b);
}

/** All descendants of <pid>, depth first: each parent before its children, siblings ascending. */
export function listDescendants(root: string, pid: number): number[] {
  let scanned: Map<number, number[]> | null = null;
  const childrenOf = (p: number): number[] => {
    if (scanned === null) {
      const fromTasks = childrenFromTasks(root, p);
      if (fromTasks !== null) return fromTasks;
      scanned = scanChildren(root);
    }
    return scanned.get(p) ?? [];
  };
  const children = { get: childrenOf };
  const out: number[] = [];
  const seen = new Set<number>([pid]);
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}
