// The lab's scratch space: a 0700 session directory per run, and the sweep of dead sessions.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, lstatSync } from 'node:fs';
import { join, basename } from 'node:path';
import { tmpdir } from 'node:os';
import type { SessionDir } from '../steps/context.js';
import { readProcStat } from '../observe/procStat.js';
import { hasExited as statHasExited } from '../observe/parse/stat.js';
import { mountSessionTmpfs, unmountSessionTmpfs } from './sessionMount.js';

export const SESSION_PREFIX = 'session-';

/**
 * /run/container-lab as root; $XDG_RUNTIME_DIR/container-lab rootless (never a guessable /tmp
 * path); CONTAINER_LAB_STATE_DIR overrides both (the noexec kernel test uses it).
 */
export function stateRoot(euid: number = process.geteuid?.() ?? 0, env = process.env): string {
  if (env.CONTAINER_LAB_STATE_DIR) return env.CONTAINER_LAB_STATE_DIR;
  if (euid === 0) return '/run/container-lab';
  return join(env.XDG_RUNTIME_DIR || tmpdir(), `container-lab-${euid}`);
}


/** Start time of a process in clock ticks since boot (proc(5) stat field 22): PID + this is unique. */
export function processStartTime(pid: number, root = '/'): string | null {
  const start = readProcStat(root, pid)?.starttime;
  return start === undefined ? null : String(start);
}

/**
 * Without $XDG_RUNTIME_DIR the root is /tmp/container-lab-<uid>, a name anyone can guess: like
 * tmux's socket directory, it is used only if it is a real directory (not a symlink) that we
 * own and nobody else can enter.
 */
export function ensurePrivateRoot(root: string): void {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const st = lstatSync(root);
  const uid = process.geteuid?.() ?? 0;
  if (!st.isDirectory() || st.uid !== uid) {
    throw new Error(`${root} is not a directory of uid ${uid}: refusing to keep lab state there (remove it, or set XDG_RUNTIME_DIR)`);
  }
  if ((st.mode & 0o077) !== 0) chmodSync(root, 0o700);
}

/** Made as root: the session directory is a tmpfs of its own, without noexec (sessionMount.ts). */
export function createSessionDir(root: string, euid: number = process.geteuid?.() ?? 0): SessionDir {
  ensurePrivateRoot(root);
  const dir = mkdtempSync(join(root, SESSION_PREFIX));
  chmodSync(dir, 0o700);
  if (euid === 0) mountSessionTmpfs(dir);
  writeFileSync(join(dir, 'owner'), `${process.pid} ${processStartTime(process.pid) ?? ''}\n`);
  return { id: basename(dir).slice(SESSION_PREFIX.length).toLowerCase().replace(/[^a-z0-9]/g, 'x'), dir };
}

/** proc(5) stat field 3: Z (zombie) and X (dead) have exited, whatever /proc still shows. */
function hasExited(pid: number, root = '/'): boolean {
  const stat = readProcStat(root, pid);
  return stat === null || statHasExited(stat);
}

/** The helper that made the session: its PID and start time, from the `owner` file. */
export function sessionOwner(dir: string): { pid: number; start: string } | null {
  try {
    const [pid, start] = readFileSync(join(dir, 'owner'), 'utf8').trim().split(' ');
    return start ? { pid: Number(pid), start } : null;
  } catch {
    return null;
  }
}

/** A session is alive while the helper that made it runs (same PID and start time, not a zombie). */
export function sessionIsAlive(dir: string): boolean {
  const owner = sessionOwner(dir);
  return owner !== null && processStartTime(owner.pid) === owner.start && !hasExited(owner.pid);
}

export function listSessionDirs(root: string): string[] {
  try {
    return readdirSync(root).filter((n) => n.startsWith(SESSION_PREFIX)).map((n) => join(root, n));
  } catch {
    return [];
  }
}

export function sessionIdOf(dir: string): string {
  return basename(dir).slice(SESSION_PREFIX.length).toLowerCase().replace(/[^a-z0-9]/g, 'x');
}

/**
 * Rootless, overlayfs leaves its workdir's own "work" directory mode 000 (owned by the user, as
 * the user namespace's root made it), and rm(1)-style removal cannot enter it: the owner may
 * always chmod(2), so every directory of ours is made 0700 and the removal tried again. Root
 * never needs this (CAP_DAC_OVERRIDE), and never does it: chmod(2) follows a symlink the container
 * could have swapped in between the lstat and the chmod.
 */
export function removeSessionDir(dir: string, euid: number = process.geteuid?.() ?? 0): void {
  // its tmpfs first, if it has one (mounts under it are the caller's to detach before)
  unmountSessionTmpfs(dir);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    if (euid === 0 || !['EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    openDirs(dir, euid);
    rmSync(dir, { recursive: true, force: true });
  }
}

function openDirs(dir: string, euid: number): void {
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== euid) return;
  if ((st.mode & 0o700) !== 0o700) chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) openDirs(join(dir, name), euid);
}
