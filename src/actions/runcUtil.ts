// What the runc-alone actions share: runc on this host, the lesson's layout, its panel blocks, its one cleanup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { chain, type ChainState } from './chainState.js';
import { whichProgram } from '../../native/findProgram.js';
import { LabError } from '../errors.js';
import { removeCgroupDir } from '../cgroup/session.js';
import { hostOsRelease, installHint } from '../chain/installHint.js';
import { runcArgv, runcLayout, type RuncLayout } from '../chain/runcLayout.js';
import { parseRuncState, runcWords, saysNotExist, type RuncState } from '../chain/runcState.js';
import { runProgram } from '../sys/programs.js';
import { logRun } from '../sys/programs.js';
import { cgroupMountPoints } from '../chain/daemonCleanup.js';
import { startReaper } from '../chain/reaperClient.js';

/** runc's full path, or a LabError saying what to install on this distribution. */
export function requireRunc(ctx: LabContext): string {
  if (ctx.rootless) throw new LabError('runc alone needs root in this lab', 'start container-lab as root (it asks to use sudo)');
  const path = whichProgram('runc');
  if (!path) throw new LabError('runc is not installed', installHint(hostOsRelease()), 'ENOENT');
  return path;
}

export function layoutOf(ctx: LabContext): RuncLayout {
  return runcLayout(ctx.session.dir, ctx.session.id);
}


/** Orders the chain panel's blocks: these titles first, in this order; short of room, the panel drops the last ones. */
export function blocksFirst(ctx: LabContext, titles: string[]): void {
  const view = chain(ctx).view;
  const rank = (t: string) => (titles.includes(t) ? titles.indexOf(t) : titles.length);
  view.blocks = [...(view.blocks ?? [])].sort((a, b) => rank(a.title) - rank(b.title));
}

/** `runc state <id>`, logged: the state, or null when runc says the container does not exist. */
export async function readState(runc: string, l: RuncLayout): Promise<RuncState | null> {
  const run = await runProgram(runcArgv(runc, l, ['state', l.id]), { timeoutMs: 10_000 });
  logRun(run);
  if (run.status !== 0) {
    if (saysNotExist(run.stderr)) return null;
    throw new LabError(`runc state failed: ${runcWords(run.stderr).trim() || run.signal || 'no message'}`);
  }
  return parseRuncState(run.stdout);
}

/** A process's parent and the parent's name, from /proc; null once the process is gone. */
export function parentOf(pid: number): { ppid: number; comm: string } | null {
  try {
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    let comm = '?';
    try {
      comm = readFileSync(`/proc/${ppid}/comm`, 'utf8').trim();
    } catch {
      // the parent went meanwhile
    }
    return { ppid, comm };
  } catch {
    return null;
  }
}

const armed = new WeakSet<ChainState>();

/**
 * Once per lesson run, before runc create: the close (or undo, reset) kills and deletes the
 * container and removes the lab's cgroup parent. The crash reaper watches the same cgroup: if
 * the helper dies, it kills what is in there (the container's init has no lab parent to follow).
 */
export function armCleanup(ctx: LabContext, runc: string, l: RuncLayout): void {
  const c = chain(ctx);
  if (armed.has(c)) return;
  armed.add(c);
  const reaper = startReaper();
  reaper.watch(l.dir, l.cgroupParent);
  c.cleanups.push(async () => {
    await runProgram(runcArgv(runc, l, ['kill', l.id, 'KILL']), { timeoutMs: 5000 });
    await runProgram(runcArgv(runc, l, ['delete', '--force', l.id]), { timeoutMs: 10_000 });
    for (const h of cgroupMountPoints()) await removeCgroupDir(join(h, l.cgroupParent));
    reaper.release(l.dir);
  });
}
