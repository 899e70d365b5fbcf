// Drives a real terminal for end-to-end tests: tmux with send-keys and capture-pane, on a private socket.
import { execFileSync } from 'node:child_process';
import { afterEach } from 'vitest';
import { inCi } from './requireRoot.js';

let sessions = 0;

export class TmuxSession {
  /** a socket per session: a new server on a socket whose old server is still exiting fails */
  private readonly socket = `container-lab-e2e-${process.pid}-${++sessions}`;
  private readonly name = 'e2e';

  constructor(cols: number, rows: number, command: string) {
    execFileSync('tmux', ['-L', this.socket, 'new-session', '-d', '-s', this.name, '-x', String(cols), '-y', String(rows), command]);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Keys by tmux name: "Right", "Enter", "q", "Escape". */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** The PID of the process tmux started for the pane (the shell around the app). */
  panePid(): number {
    return Number(this.tmux('display-message', '-p', '-t', this.name, '#{pane_pid}').trim());
  }

  /** The pane's terminal device (/dev/pts/N): a real tty to hand to a shell. */
  paneTty(): string {
    return this.tmux('display-message', '-p', '-t', this.name, '#{pane_tty}').trim();
  }

  /** The pane's title: what an OSC 0/2 escape sequence written to the terminal would change. */
  paneTitle(): string {
    return this.tmux('display-message', '-p', '-t', this.name, '#{pane_title}').trim();
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(cols), '-y', String(rows));
  }

  /** Waits until the screen matches; fails with the screen in the message. */
  async waitFor(pattern: RegExp, timeoutMs = 10000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`screen never matched ${pattern} within ${timeoutMs} ms; it shows:\n${last}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** The app's command line inside tmux: with CI unset, or Ink draws only the last frame. */
export function appCommand(cli: string, args: string[]): string {
  return `env -u CI TERM=xterm-256color ${process.execPath} ${cli} ${args.join(' ')}; echo EXIT=$?; sleep 60`;
}

/** Whether tmux is installed (scripts/setup installs it; CI fails a suite that lacks it). */
export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
}

/**
 * For an end-to-end file: without tmux it fails in CI (no suite may be skipped) and says it skips
 * elsewhere; the session put in the returned holder is killed after each test.
 */
export function useTmux(what: string): { t: TmuxSession | null } {
  const holder: { t: TmuxSession | null } = { t: null };
  afterEach(() => {
    holder.t?.kill();
    holder.t = null;
  });
  if (!hasTmux()) {
    if (inCi) throw new Error(`tmux is missing: the ${what} cannot run, and in CI no suite may be skipped`);
    process.stderr.write(`\n*** SKIPPED: ${what} need tmux (apt-get install tmux) ***\n\n`);
  }
  return holder;
}
