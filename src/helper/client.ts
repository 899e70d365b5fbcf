// The app's side of the helper: starts it (directly, with sudo, or rootless) and calls it.
import { spawn, type ChildProcess } from 'node:child_process';
import { RpcClient } from './rpc.js';
import { LabError } from '../errors.js';
import { inert, inertDeep } from '../format/inert.js';
import { idleNodeFlags, programs } from '../sys/paths.js';
import type { CheckResult, CheckSpec, Snapshot, StepSkip, SyscallEntry } from '../types.js';
import type { ShellMissing } from '../observe/shellPlace.js';

/** How the helper runs: as root already, through sudo (password asked before the TUI), or rootless. */
export type HelperMode = 'root' | 'sudo' | 'rootless';

export interface HelperHello { pid: number; euid: number; rootless: boolean; stateDir: string; cgroupMode: string }
export interface ActReply { log: SyscallEntry[]; output: string[]; ms: number; skipped?: StepSkip }
export interface LabPids { builder: number; init: number | null; user: number | null; chroot: number | null; pivot: number | null; cgroupDirs: string[]; sessionDir: string }

export class HelperClient {
  private rpc: RpcClient;
  private exitReason: string | null = null;

  private constructor(private readonly child: ChildProcess) {
    this.rpc = new RpcClient(child.stdin!, child.stdout!);
    child.on('exit', (code, signal) => {
      this.exitReason = `the helper process exited (${signal ?? 'code ' + code})`;
      this.rpc.fail(this.exitReason);
    });
    child.on('error', (e) => {
      this.exitReason = `the helper could not start: ${e.message}`;
      this.rpc.fail(this.exitReason);
    });
  }

  /** `stderr` is where the helper's own diagnostics go: 'inherit' for the CLI, 'ignore' under the TUI. */
  static start(mode: HelperMode, stderr: 'inherit' | 'ignore' | 'pipe' = 'ignore', extraArgs: string[] = []): HelperClient {
    const argv = [process.execPath, ...idleNodeFlags, programs.helper, '--container-lab-helper', ...extraArgs];
    const full = mode === 'sudo' ? ['sudo', '-n', '--', ...argv] : argv;
    const child = spawn(full[0], full.slice(1), { stdio: ['pipe', 'pipe', stderr] });
    return new HelperClient(child);
  }

  /** Progress the helper reports while a step runs; null stops listening. */
  onProgress(listener: ((event: string, data: unknown) => void) | null): void {
    this.rpc.onEvent = listener && ((event, data) => listener(inert(event), inertDeep(data)));
  }

  /**
   * Everything the helper sends back is made inert here, the one door to the app: program
   * output, error messages that quote it, and what /proc says (a container sets its own comm
   * and hostname, to an escape sequence if it likes) reach the terminal shown, never acted on.
   */
  private async call<T>(method: string, params?: unknown): Promise<T> {
    try {
      return inertDeep(await this.rpc.call<T>(method, params));
    } catch (e) {
      if (!(e instanceof LabError)) throw e;
      throw new LabError(inert(e.message), e.hint === undefined ? undefined : inert(e.hint), e.code, inertDeep(e.log));
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exitReason === null;
  }

  hello(): Promise<HelperHello> {
    return this.call('hello');
  }

  sweep(): Promise<{ removed: string[] }> {
    return this.call('sweep');
  }

  open(): Promise<{ builderPid: number; sessionId: string; sessionDir: string }> {
    return this.call('open');
  }

  act(name: string, params: Record<string, unknown>): Promise<ActReply> {
    return this.call('act', { name, params });
  }

  checks(specs: CheckSpec[]): Promise<CheckResult[]> {
    return this.call('checks', { specs });
  }

  /** A snapshot answered even while a step holds the helper's queue (see serve's `immediate`). */
  liveSnapshot(): Promise<Snapshot> {
    return this.call('liveSnapshot');
  }

  snapshot(): Promise<Snapshot> {
    return this.call('snapshot');
  }

  shell(tty: string): Promise<{ code: number | null }> {
    return this.call('shell', { tty });
  }

  /** What the container lacks for a shell (capability names); empty when one can open. */
  shellMissing(): Promise<{ missing: ShellMissing[] }> {
    return this.rpc.call('shellMissing');
  }

  pids(): Promise<LabPids> {
    return this.call('pids');
  }

  closeLesson(): Promise<void> {
    return this.call('close');
  }

  /** Closes stdin: the helper tears everything down and exits. Resolves when it has. */
  async stop(timeoutMs = 3000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

