// One lesson's container on the helper side: opens it, performs actions, checks, snapshots, tears down.
import { hostname } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { takeBuilder, stopBuilder, type BuilderHandle } from './builderProcess.js';
import { cgroupHierarchies, listLabCgroups, removeCgroupDir, sessionCgroupName } from '../cgroup/session.js';
import { createSessionDir, removeSessionDir } from './stateDir.js';
import { stateRoot } from '../stateRoot.js';
import { startReaper } from '../chain/reaperClient.js';
import { LabError } from '../errors.js';
import { containerByHand } from '../actions/containerInit.js';
import { chainIfMade, chainPids } from '../actions/chainState.js';
import { userPid } from '../actions/userNamespaceState.js';
import { checkLabel } from '../checks/index.js';
import type { LabContext } from '../steps/context.js';
import type { ActionOutcome } from '../steps/define.js';
import { Slots } from '../steps/slots.js';
import { realSys } from '../sys/real.js';
import { ACTIONS, CHECKS } from '../vocabulary/registry.js';
import { takeSnapshot, type ContainerIdentity } from '../observe/snapshot.js';
import { readNetDevNames } from '../observe/sample.js';
import { shellVerdict, type ShellPlace, type ShellVerdict } from '../observe/shellPlace.js';
import { shellArgv, shellBanner, shellPrompt } from './shellCommand.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { CheckResult, CheckSpec, Snapshot, SyscallEntry } from '../types.js';

export interface ActResult extends ActionOutcome {
  ms: number;
}

function kill(pid: number | null): void {
  if (pid === null) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

let hostnameCache: { pid: number; name: string | null } | null = null;

/** hostname(1) in the UTS namespace of a chain lesson's container (read once per container). */
function focusHostname(pid: number): string | null {
  if (hostnameCache?.pid === pid) return hostnameCache.name;
  const r = spawnSync('nsenter', [`--target=${pid}`, '--uts', 'hostname'], { encoding: 'utf8', timeout: 2000 });
  hostnameCache = { pid, name: r.status === 0 ? r.stdout.trim() : null };
  return hostnameCache.name;
}

export class Lab {
  private constructor(readonly ctx: LabContext, private readonly builder: BuilderHandle) {}

  static async open(rootless: boolean): Promise<Lab> {
    const session = createSessionDir(stateRoot());
    // the crash guard: if the helper dies, the reaper removes what this session made
    const reaper = startReaper();
    reaper.watchSession(session.dir);
    let builder;
    try {
      builder = takeBuilder(rootless);
      await builder.rpc.call('identity');
      // `container-lab shell` in another terminal finds the container process here.
      writeFileSync(join(session.dir, 'builder.pid'), `${builder.pid}\n`);
    } catch (error) {
      removeSessionDir(session.dir);
      reaper.releaseSession(session.dir);
      throw error;
    }
    return new Lab({
      session,
      rootless,
      sys: realSys,
      builder,
      slots: new Slots(),
      cgroups: cgroupHierarchies(),
      cgroupDirs: [],
      initPid: null,
      hostHostname: hostname(),
      lastOutput: [],
    }, builder);
  }

  async act(name: string, params: Record<string, unknown>): Promise<ActResult> {
    const action = ACTIONS[name];
    if (!action) throw new LabError(`unknown action ${name}`);
    this.ctx.lastOutput = [];
    // the chain panel shows what this step found (its requests, timeline, daemon views), not a pile of every step's
    const chain = chainIfMade(this.ctx);
    if (chain) chain.view = {};
    syscallLog.drain();
    const started = performance.now();
    try {
      // lesson files were validated at load; a direct call (tests, run --json) gets its defaults here
      const result = await action.run(this.ctx, action.params.parse(params));
      this.ctx.lastOutput = result.stdout ?? [];
      return { log: result.log, output: result.output, ms: performance.now() - started, ...(result.skipped ? { skipped: result.skipped } : {}) };
    } catch (error) {
      // Keep the calls made before the failure, the failing one included: the log tells the story.
      const log: SyscallEntry[] = [...((error as { log?: SyscallEntry[] }).log ?? []), ...syscallLog.drain()];
      if (error instanceof LabError) {
        error.log = log;
        throw error;
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new LabError(message, undefined, (error as { code?: string }).code, log);
    }
  }

  runChecks(specs: CheckSpec[]): CheckResult[] {
    return specs.map((spec) => {
      const name = checkLabel(spec.kind, spec.params);
      const check = CHECKS[spec.kind];
      if (!check) return { name, ok: false, detail: `unknown check ${spec.kind}` };
      try {
        return { name, ...check.run(this.ctx, check.params.parse(spec.params)) };
      } catch (error) {
        return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    });
  }

  async snapshot(): Promise<Snapshot> {
    const { builder } = this.ctx;
    let identity: ContainerIdentity | null = null;
    let linkStates: Record<string, boolean> = {};
    if (!builder.rpc.closed) {
      identity = await builder.rpc.call<ContainerIdentity>('identity');
      const names = readNetDevNames('/', builder.pid);
      linkStates = await builder.rpc.call<Record<string, boolean>>('linkStates', { names });
    }
    // a chain lesson's container: its own UTS namespace's name, not the builder's
    const focus = chainIfMade(this.ctx)?.focusPid;
    if (identity && focus) identity = { ...identity, hostname: focusHostname(focus) ?? identity.hostname };
    return takeSnapshot('/', {
      hostPid: process.pid,
      builderPid: builder.pid,
      initPid: this.ctx.initPid,
      userPid: userPid(this.ctx),
      mountsPid: containerByHand(this.ctx)?.merged ? this.ctx.initPid : null,
      chain: chainPids(this.ctx),
    }, identity, linkStates, chainIfMade(this.ctx)?.view);
  }

  /** Where `s` would open a shell: the chain's container, a PID 1 that has exec'd, else forked by the container process. */
  shellPlace(): ShellPlace {
    // Once PID 1 has pivoted and exec'd — or a chain lesson runs a container — `s` enters that
    // container's namespaces and root, as `docker exec -it <id> sh` does.
    const target = chainIfMade(this.ctx)?.focusPid ?? (containerByHand(this.ctx)?.execed ? this.ctx.initPid : null);
    return target ? { pid: target, via: 'enter' } : { pid: this.ctx.builder.pid, via: 'fork' };
  }

  /** The kernel's answer: is there a container to open a shell in (own mnt and pid namespaces, a PID 1)? */
  shellVerdict(): ShellVerdict {
    return shellVerdict(realSys, process.pid, this.shellPlace());
  }

  /** Whether the container process's children are born in the place's PID namespace (by-hand: PID 1's). */
  private childrenInside(place: ShellPlace): boolean {
    const link = (pid: number, name: string) => {
      try {
        return realSys.readlink(`/proc/${pid}/ns/${name}`);
      } catch {
        return null;
      }
    };
    const theirs = link(place.pid, place.via === 'fork' ? 'pid_for_children' : 'pid');
    return theirs !== null && theirs === link(this.ctx.builder.pid, 'pid_for_children');
  }

  async shell(tty: string): Promise<{ code: number | null }> {
    if (!existsSync(tty)) throw new LabError(`no terminal at ${tty}`);
    const verdict = this.shellVerdict();
    if (!verdict.ok) throw new LabError(`no container to open a shell in: it lacks ${verdict.missing.join(', ')}`);
    const focus = chainIfMade(this.ctx)?.focusPid ?? null;
    const host = focus ? focusHostname(focus) ?? 'container' : (await this.ctx.builder.rpc.call<ContainerIdentity>('identity')).hostname;
    return this.ctx.builder.rpc.call('shell', {
      tty,
      prompt: shellPrompt(verdict, host),
      argv: shellArgv(verdict, { forked: true, childrenInside: this.childrenInside(verdict.place) }),
      banner: shellBanner(verdict),
    });
  }

  /** Everything the session made goes: processes by PID, cgroup directories, the scratch dir. */
  async close(): Promise<void> {
    const { ctx } = this;
    await ctx.slots.teardownAll();
    await stopBuilder(this.builder);
    kill(ctx.initPid);
    const name = sessionCgroupName(ctx.session.id);
    const mine = listLabCgroups(ctx.cgroups).filter((d) => d.endsWith('/' + name) || d.endsWith(`/${name}.scope`));
    for (const dir of new Set([...ctx.cgroupDirs, ...mine])) await removeCgroupDir(dir);
    removeSessionDir(ctx.session.dir);
    startReaper().releaseSession(ctx.session.dir);
  }
}
