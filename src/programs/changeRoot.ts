// A process that changes its root on request — chroot(2), the chroot escape, pivot_root(2) — runs programs from there, and (as PID 1) narrows what it may do before it execs.
//   runs as:    the builder's user (root, or uid 0 of the rootless user namespace: changing-root)
//   namespaces: the builder's (role init: PID 1 of its new PID namespace); a `pivot` request, or a
//               `mountProc` under a root, first unshares a mount namespace of its own (once), so
//               the builder keeps its root and mounts
//   started by: the builder: startRootProcess() in src/builder/rootProcesses.ts (detached,
//               stdin/stdout pipes), asked by src/actions/rootProcess.ts; roles chroot, pivot, init
//   ends when:  its stdin closes; SIGKILL when the builder dies (PR_SET_PDEATHSIG), or when the
//               builder kills it (a role restarted, shutdown); after an `exec` request it is
//               the program it became (the image's /bin/sh), which ends at end of file on stdin
// Usage: node changeRoot.js --container-lab-<role>; one JSON request per stdin line, one reply line each on stdout.
import { createInterface } from 'node:readline';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as kernel from '../../native/kernel.js';
import { CLONE, MS, MNT_DETACH, SIGKILL } from '../../native/constants.js';
import { KernelError } from '../../native/errno.js';
import { syscallLog } from '../../native/syscallLog.js';
import { execErrno, execHint } from '../../native/execFailure.js';
import { capset, dropFromBoundingSet, loadSeccompFilter, setNoNewPrivs } from '../../native/security.js';
import { capMask } from '../../native/capabilities.js';
import { denyFilter, encodeFilter, showInsn } from '../../native/seccompFilter.js';
import type { RootReply, RootRequest } from '../builder/rootProtocol.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';

class Refused extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** What this process sees as "/" now: the top directory, the system's name, the hostname file. */
function lookAround(): string[] {
  const firstLine = (path: string, re?: RegExp): string | null => {
    try {
      const text = readFileSync(path, 'utf8');
      const line = re ? re.exec(text)?.[1] : text.split('\n')[0];
      return line?.trim() || null;
    } catch {
      return null;
    }
  };
  return [
    `ls /: ${readdirSync('/').sort().join(' ')}`,
    `/etc/os-release: ${firstLine('/etc/os-release', /^PRETTY_NAME="?([^"\n]*)"?/m) ?? '(none)'}`,
    `/etc/hostname: ${firstLine('/etc/hostname') ?? '(none)'}`,
  ];
}

/** Whether this process has unshared its own mount namespace already (it does so once). */
let ownMountNamespace = false;

/** unshare(CLONE_NEWNS) the first time: a copy of the builder's (private) mounts, so nothing reaches it. */
function takeOwnMountNamespace(): void {
  if (ownMountNamespace) return;
  kernel.unshare(CLONE.NEWNS);
  ownMountNamespace = true;
}

/**
 * A new proc on <root>/proc, or on /proc without a root. runc's order (libcontainer/rootfs_linux.go
 * prepareRootfs(): the config's mounts under the rootfs, then pivot_root) goes under the rootfs,
 * while the host's proc is still in this mount namespace: a user namespace needs that
 * (fs/namespace.c mount_too_revealing()), and the mount stays under the new root through pivot_root.
 */
function mountProc(root?: string): void {
  if (root !== undefined) takeOwnMountNamespace();
  kernel.mount('proc', root === undefined ? '/proc' : `${root}/proc`, 'proc', MS.NOSUID | MS.NODEV | MS.NOEXEC, null);
}

function sameDir(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * The classic escape (chroot(2) NOTES): chroot() does not move the working directory, so after
 * chroot("x") the cwd is outside the new root, and ".." from there is never stopped at the root.
 * Climb until ".." no longer moves (the top of the mount tree), then make that the root.
 */
function escape(dir: string): string[] {
  const out: string[] = [];
  if (existsSync(dir)) out.push(`${dir} is already there (left by an earlier escape): no mkdir`);
  else kernel.mkdir(dir, 0o755);
  kernel.chroot(dir);
  let climbs = 0;
  for (; climbs < 64; climbs++) {
    const before = statSync('.');
    kernel.chdir('..');
    if (sameDir(before, statSync('.'))) {
      climbs++;
      break;
    }
  }
  kernel.chroot('.');
  out.push(`chdir("..") ${climbs} time${climbs === 1 ? '' : 's'}, until ".." was "." itself`);
  return [...out, ...lookAround()];
}

/**
 * pivot_root(2) changes the root of every process in the caller's mount namespace whose root is
 * the old one. The container process that started us must keep its view, so we take a mount
 * namespace of our own first (a copy of its — private, since it made its mounts private), like
 * runc's container init (unless a mountProc under the root has taken one already). new_root must
 * be a mount point; put_old must be under it.
 */
function pivot(newRoot: string, putOld: string, procFirst = false): string[] {
  if (!putOld.startsWith(newRoot + '/')) throw new Refused(`put_old (${putOld}) must be under new_root (${newRoot})`);
  takeOwnMountNamespace();
  kernel.chdir(newRoot);
  if (procFirst) mountProc(newRoot);
  if (!existsSync(putOld)) kernel.mkdir(putOld, 0o700);
  kernel.pivotRoot(newRoot, putOld);
  kernel.chdir('/');
  const oldInside = putOld.slice(newRoot.length);
  // MNT_DETACH (umount(2)): the old root is busy (every host mount hangs under it); a lazy
  // unmount detaches the whole tree from this namespace now.
  kernel.umount2(oldInside, MNT_DETACH);
  kernel.rmdir(oldInside);
  return lookAround();
}

/**
 * runc's maskPath and readonlyPath (libcontainer/rootfs_linux.go): a file is masked by a bind mount
 * of /dev/null over it; a read-only path is bound onto itself, then that bind is remounted
 * MS_RDONLY with the nosuid, nodev and noexec it already has (runc 1.1 reads them with statfs(2):
 * a bind remount sets the mount's flags to exactly those given, so leaving one out clears it).
 * Done under the new root before pivot_root, with the host's /dev/null (runc does it after
 * pivot_root, with the /dev/null it made in the container's /dev; this image's /dev is empty).
 */
function maskPaths(under: string, masked: string[], readonly: string[]): string[] {
  for (const path of [...masked, ...readonly]) {
    if (!path.startsWith('/') || path.split('/').includes('..')) throw new Refused(`not an absolute path without "..": ${path}`);
  }
  takeOwnMountNamespace();
  for (const path of readonly) {
    const target = under + path;
    kernel.mount(target, target, null, MS.BIND | MS.REC, null);
    kernel.mount(target, target, null, MS.BIND | MS.REMOUNT | MS.RDONLY | keptFlags(target), null);
  }
  const out = readonly.map((p) => `${p}: read-only`);
  for (const path of masked) {
    try {
      kernel.mount('/dev/null', under + path, null, MS.BIND, null);
      out.push(`${path}: /dev/null bound over it`);
    } catch (error) {
      // runc's maskPath ignores a path this kernel has not got (ENOENT), and so does this.
      if (!(error instanceof KernelError) || error.code !== 'ENOENT') throw error;
      out.push(`${path}: not on this kernel (ENOENT), nothing to mask`);
    }
  }
  return out;
}

/** The nosuid, nodev and noexec of the mount on `target` (its per-mount options in /proc/self/mountinfo). */
function keptFlags(target: string): number {
  const mount = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8')).filter((m) => m.mountPoint === target).pop();
  const options = new Set((mount?.mountOptions ?? '').split(','));
  return (options.has('nosuid') ? MS.NOSUID : 0) | (options.has('nodev') ? MS.NODEV : 0) | (options.has('noexec') ? MS.NOEXEC : 0);
}

/** Every capability not kept leaves the bounding set (needs CAP_SETPCAP), then capset(2) keeps only those in permitted and effective. */
function dropCaps(keep: number[]): string[] {
  const last = Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8'));
  let dropped = 0;
  for (let cap = 0; cap <= last; cap++) {
    if (keep.includes(cap)) continue;
    dropFromBoundingSet(cap);
    dropped++;
  }
  const mask = capMask(keep.filter((c) => c <= last));
  capset(mask, mask, 0n);
  return [`PR_CAPBSET_DROP for the ${dropped} capabilities of this kernel (0-${last}) not kept; capset: ${keep.length} kept, inheritable empty`];
}

function loadSeccomp(deny: string[]): string[] {
  const program = denyFilter(deny);
  loadSeccompFilter(encodeFilter(program), `[${program.length} instructions]`);
  return program.map((insn, i) => `${String(i).padStart(2)}: ${showInsn(insn)}`);
}

function run(argv: string[]): Partial<RootReply> {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10000 });
  // execve(2)'s own errno: EACCES on a noexec mount is not "no such program"
  const errno = r.error ? execErrno(r.error) : undefined;
  syscallLog.record('spawn', [JSON.stringify(argv.join(' '))], r.pid || -1, errno);
  if (r.error) throw new Refused(`could not run ${argv[0]} here: ${r.error.message}`, execHint(errno!, argv[0], 'root'));
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, output: [] };
}

/** pivot_root(2) ERRORS: EBUSY when new_root is on the current root mount, EINVAL for the other rules. */
function hintFor(error: KernelError): string | undefined {
  if (error.syscall === 'pivot_root' && error.code === 'EBUSY') {
    return 'new_root is on the current root mount: it must be a mount point of its own — run prepare-rootfs (it bind-mounts the rootfs onto itself)';
  }
  if (error.syscall === 'pivot_root' && error.code === 'EINVAL') {
    return 'new_root must be a mount point and no mount involved may be shared — run make-mounts-private and prepare-rootfs first';
  }
  if (error.code === 'EPERM' && (error.syscall === 'capset' || error.syscall === 'prctl' || error.syscall === 'seccomp')) {
    return 'this process no longer holds the capability the call needs (CAP_SETPCAP, or CAP_SYS_ADMIN without no_new_privs): reset the lesson (r)';
  }
  if (error.code === 'EPERM') return 'this needs root (CAP_SYS_CHROOT, CAP_SYS_ADMIN)';
  return undefined;
}

function handle(request: RootRequest): RootReply {
  const base = { ok: true, pid: process.pid, output: [] as string[] };
  try {
    switch (request.op) {
      case 'chroot':
        kernel.chroot(request.path);
        // chroot(1) does this too: without it "." would still be outside the new root.
        kernel.chdir('/');
        return { ...base, output: lookAround(), log: syscallLog.drain() };
      case 'escape':
        return { ...base, output: escape(request.dir), log: syscallLog.drain() };
      case 'pivot':
        return { ...base, output: pivot(request.newRoot, request.putOld, request.procFirst), log: syscallLog.drain() };
      case 'run':
        return { ...base, ...run(request.argv), log: syscallLog.drain() };
      case 'mountProc':
        mountProc(request.under);
        return { ...base, log: syscallLog.drain() };
      case 'maskPaths':
        return { ...base, output: maskPaths(request.under, request.masked, request.readonly), log: syscallLog.drain() };
      case 'dropCaps':
        return { ...base, output: dropCaps(request.keep), log: syscallLog.drain() };
      case 'noNewPrivs':
        setNoNewPrivs();
        return { ...base, log: syscallLog.drain() };
      case 'seccomp':
        return { ...base, output: loadSeccomp(request.deny), log: syscallLog.drain() };
      case 'exec':
        // X_OK first: once the reply is out, a failed execve could no longer be told.
        try {
          accessSync(request.argv[0], constants.X_OK);
        } catch (error) {
          // access(2) X_OK answers as execve(2) would: EACCES on a noexec mount too
          throw new Refused(`cannot execute ${request.argv[0]} here: ${(error as Error).message}`, execHint(execErrno(error), request.argv[0], 'root'));
        }
        return { ...base, output: [`execve(${request.argv[0]}) next: this process becomes it, still PID ${process.pid}`], log: syscallLog.drain() };
      default:
        throw new Refused(`unknown request ${JSON.stringify(request)}`);
    }
  } catch (error) {
    const hint = error instanceof KernelError ? hintFor(error) : error instanceof Refused ? error.hint : undefined;
    return { ...base, ok: false, error: error instanceof Error ? error.message : String(error), hint, log: syscallLog.drain() };
  }
}

/**
 * execve(2) keeps the PID (PID 1 stays PID 1), the namespaces, the root and PR_SET_PDEATHSIG.
 * stdin stays the pipe from the container process: a shell reading it waits for ever, and ends
 * at end of file when that process is gone.
 */
function becomeProgram(argv: string[]): never {
  kernel.prepareStdioForExec();
  try {
    return kernel.execve(argv[0], argv, { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/' });
  } catch {
    process.exit(127);
  }
}

function main(): void {
  // prctl(2): SIGKILL when the container process (our parent) dies, even by SIGKILL. If it died
  // before this call, stdin is already at end of file and we exit below.
  kernel.setParentDeathSignal(SIGKILL, 'SIGKILL');
  syscallLog.drain();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let request: RootRequest;
    try {
      request = JSON.parse(line) as RootRequest;
    } catch {
      process.stdout.write(JSON.stringify({ ok: false, pid: process.pid, output: [], log: [], error: 'malformed request' }) + '\n');
      return;
    }
    const reply = handle(request);
    process.stdout.write(JSON.stringify(reply) + '\n'); // a pipe: written synchronously
    if (request.op === 'exec' && reply.ok) becomeProgram(request.argv);
  });
  lines.on('close', () => process.exit(0));
}

main();
