// What the containers-on-a-network lesson has made: the lab namespace with its bridge, the
// containers (each a process holding a network namespace), the probes it started. It lives in a
// slot: closing the session kills every process; the links, addresses and nftables rules go with
// the namespaces.
import { randomInt } from 'node:crypto';
import type { LabContext } from '../steps/context.js';
import { defineSlot } from '../steps/slots.js';
import type { Started, Sys } from '../sys/types.js';
import type { SyscallEntry } from '../types.js';
import { programs } from '../sys/paths.js';
import { LabError } from '../errors.js';

export const BRIDGE_IF = 'cl-br0';
export const NFT_TABLE = 'container-lab';

export interface NetContainer {
  name: string;
  /** host PID of the process holding (or, for a joined one, sharing) its network namespace */
  pid: number;
  /** its eth0 address, when it has an own namespace on the bridge */
  addr?: string;
  /** the lab end of its veth pair, enslaved to the bridge */
  port?: string;
  /** the container whose network namespace it joined (--network container:<name>) */
  joined?: string;
}

export interface ContainerNetState {
  /** the lab namespace: docker0's part (host PID of its holder) and its subnet 10.201.<subnet>.0/24 */
  lab?: { pid: number; subnet: number; addr: string };
  containers: Map<string, NetContainer>;
  /** servers by "<container>:<port>" */
  servers: Map<string, { pid: number; addr: string; port: number }>;
  /** the published port: the DNAT rule's host port and where it leads */
  published?: { port: number; to: string; toPort: number };
  proxy?: { pid: number; port: number };
  /** the connection the lesson keeps open, so conntrack shows it */
  held?: { pid: number; local: string; remote: string };
  started: Started[];
}

export const containerNetSlot = defineSlot<ContainerNetState>({
  name: 'container-net',
  create: () => ({ containers: new Map(), servers: new Map(), started: [] }),
  teardown: async (state) => {
    await Promise.all(state.started.map((p) => p.stop(1000)));
  },
});

export function containerNet(ctx: LabContext): ContainerNetState {
  return ctx.slots.use(containerNetSlot);
}

export function containerNetIfStarted(ctx: LabContext): ContainerNetState | undefined {
  return ctx.slots.get(containerNetSlot);
}

export function newSubnet(): number {
  return randomInt(1, 255);
}

export function requireLab(ctx: LabContext): NonNullable<ContainerNetState['lab']> {
  const lab = containerNetIfStarted(ctx)?.lab;
  if (!lab) throw new LabError('there is no lab bridge yet', 'run the step that makes the bridge first');
  return lab;
}

export function requireNetContainer(ctx: LabContext, name: string): NetContainer {
  const c = containerNetIfStarted(ctx)?.containers.get(name);
  if (!c) throw new LabError(`there is no container ${name} yet`, `run the step that starts ${name} first`);
  return c;
}

export interface ProbeAnswer {
  error?: string;
  [key: string]: unknown;
}

/**
 * Runs src/programs/netProbe.ts in the network namespace of `pid` and reads its one JSON line.
 * A probe that lives on (serve, connect, proxy) is kept in `state.started`; ping exits by itself.
 */
export async function startProbe(ctx: LabContext, pid: number, args: string[], timeoutMs = 5000): Promise<{ answer: ProbeAnswer; log: SyscallEntry[]; probe: Started }> {
  const { sys } = ctx;
  const state = containerNet(ctx);
  const argv = ['--container-lab-net', String(process.pid), `/proc/${pid}/ns/net`, ...args];
  let probe: Started;
  try {
    probe = sys.start([process.execPath, programs.netProbe, ...argv], { pipes: true, detached: true, log: ['node', 'netProbe.js', ...argv] });
  } catch (error) {
    throw new LabError(`could not start the probe: ${(error as Error).message}`, undefined, undefined, sys.drain());
  }
  state.started.push(probe);
  const line = await probe.firstLine(timeoutMs);
  const local = sys.drain();
  let answer: ProbeAnswer & { log?: SyscallEntry[] } = { error: 'no answer' };
  try {
    if (line) answer = JSON.parse(line);
  } catch {
    answer = { error: `not JSON: ${line}` };
  }
  const log = [...local, ...(answer.log ?? []).map((e) => ({ ...e, pid: probe.pid }))];
  delete answer.log;
  if (answer.error) {
    await probe.stop();
    state.started = state.started.filter((p) => p !== probe);
    throw new LabError(`netProbe ${args.join(' ')}: ${answer.error}`, undefined, undefined, log);
  }
  return { answer, log, probe };
}

/** A program run by the helper in the network namespace of `pid` (nsenter --net), logged; throws with its stderr. */
export async function inNetns(sys: Sys, pid: number, argv: string[], input?: string): Promise<string> {
  const run = await sys.run(['nsenter', `--net=/proc/${pid}/ns/net`, ...argv], { timeoutMs: 5000, ...(input === undefined ? {} : { input }) });
  if (run.error) throw new LabError(`could not run nsenter ${argv[0]}: ${run.stderr.trim() || run.error}`, `install util-linux and ${argv[0]} on this host`, undefined, sys.drain());
  if (run.status !== 0) throw new LabError(`${argv.join(' ')} in the namespace of ${pid} failed: ${run.stderr.trim() || 'status ' + run.status}`, undefined, undefined, sys.drain());
  return run.stdout;
}

/** /proc/<pid>/net/dev: the RX and TX packet counters of one interface in that process's network namespace. */
export function packetCounters(sys: Sys, pid: number, iface: string): { rx: number; tx: number } {
  const line = sys.readFile(`/proc/${pid}/net/dev`).split('\n').find((l) => l.trim().startsWith(iface + ':'));
  if (!line) throw new LabError(`no interface ${iface} in the network namespace of ${pid}`);
  const f = line.split(':')[1].trim().split(/\s+/).map(Number);
  return { rx: f[1], tx: f[9] };
}

/**
 * One nf_conntrack line as two: "tcp ESTABLISHED  original src=… dst=… sport=… dport=…" and the
 * reply tuple under it (the family numbers, timeout, flags and mark left out).
 */
export function conntrackPair(line: string): string[] {
  const m = /^\S+\s+\d+\s+(\S+)\s+\d+\s+\d+\s+(?:([A-Z_]+)\s+)?(src=\S+ dst=\S+ sport=\d+ dport=\d+)\s+(?:\[UNREPLIED\]\s+)?(src=\S+ dst=\S+ sport=\d+ dport=\d+)/.exec(line);
  if (!m) return [line];
  const head = `${m[1]} ${m[2] ?? ''}`.trim();
  return [`${head}  original ${m[3]}`, `${' '.repeat(head.length)}  reply    ${m[4]}`];
}

/** /proc/<pid>/net/nf_conntrack lines (proc(5); per network namespace) that mention `needle`. */
export function conntrackLines(sys: Sys, pid: number, needle: string): string[] {
  return sys.readFile(`/proc/${pid}/net/nf_conntrack`).split('\n').filter((l) => l.includes(needle)).map((l) => l.replace(/\s+/g, ' ').trim());
}

export function lines(text = ''): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

export type NetPlace = 'lab' | 'c1' | 'c2' | 'side';
export type NetTarget = 'lab' | 'loopback' | 'c1' | 'c2';

/** The host PID whose network namespace `place` is. */
export function placePid(ctx: LabContext, place: NetPlace): number {
  return place === 'lab' ? requireLab(ctx).pid : requireNetContainer(ctx, place).pid;
}

/** The address `target` names: the bridge's, 127.0.0.1 (of the namespace one is in), or a container's eth0. */
export function targetAddr(ctx: LabContext, target: NetTarget): string {
  if (target === 'lab') return requireLab(ctx).addr;
  if (target === 'loopback') return '127.0.0.1';
  const c = requireNetContainer(ctx, target);
  if (!c.addr) throw new LabError(`${target} has no address of its own`);
  return c.addr;
}
