// Runs one of the chain's programs (docker, ctr, runc) to the end and returns what it printed, and when.
import { spawn } from 'node:child_process';

export interface ProgramRun {
  argv: string[];
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** ms since the epoch when the program was spawned and when it ended */
  startedAt: number;
  endedAt: number;
  pid: number | null;
}

export interface RunOptions {
  timeoutMs?: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** called with the child's PID right after the spawn */
  onSpawn?: (pid: number) => void;
}

const MAX_OUTPUT = 1 << 20;

export function runProgram(argv: string[], opts: RunOptions = {}): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const startedAt = performance.timeOrigin + performance.now();
    const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += d.toString('utf8');
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    const finish = (status: number | null, signal: string | null, error?: Error) => {
      clearTimeout(timer);
      resolve({
        argv,
        status,
        signal,
        stdout,
        stderr: error ? `${stderr}${error.message}` : stderr,
        startedAt,
        endedAt: performance.timeOrigin + performance.now(),
        pid: child.pid ?? null,
      });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('close', (code, sig) => finish(code, sig));
  });
}

/** The last lines of a program's error output, for a message. */
export function tail(text: string, lines = 3): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
