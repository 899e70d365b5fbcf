// containerd's event stream (`ctr events`) while a step runs: each topic as it is published, with its time.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ContainerdEvent {
  /** ms since the epoch when the line arrived */
  t: number;
  namespace: string;
  topic: string;
}

export interface EventStream {
  events(): ContainerdEvent[];
  stop(): Promise<void>;
}

/** "2026-11-26 08:50:00.1 +0000 UTC moby /tasks/start {...}" → namespace and topic. */
export function parseEventLine(line: string, t: number): ContainerdEvent | null {
  const m = /\sUTC\s+(\S+)\s+(\/\S+)/.exec(line) ?? /^\S+\s+\S+\s+\S+\s+\S+\s+(\S+)\s+(\/\S+)/.exec(line);
  return m ? { t, namespace: m[1], topic: m[2] } : null;
}

/** Starts `ctr events` (all namespaces) and collects what it prints until stop(). */
export function startEventStream(ctrArgv: string[]): Promise<EventStream> {
  const child = spawn(ctrArgv[0], [...ctrArgv.slice(1), 'events'], { stdio: ['ignore', 'pipe', 'ignore'] });
  child.on('error', () => {});
  const list: ContainerdEvent[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const e = parseEventLine(line, performance.timeOrigin + performance.now());
    if (e) list.push(e);
  });
  const exited = new Promise<void>((r) => child.on('close', () => r()));
  const stream: EventStream = {
    events: () => [...list],
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
    },
  };
  // the subscription is live once ctr has connected; give it a moment
  return new Promise((resolve) => setTimeout(() => resolve(stream), 60));
}
