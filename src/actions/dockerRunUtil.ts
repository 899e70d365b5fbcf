// Small helpers the docker-run actions share: output lines, waiting, network namespaces, listeners.
import { readFileSync, readlinkSync } from 'node:fs';
import type { SyscallEntry } from '../types.js';

export interface RunResult { log: SyscallEntry[]; status: number | null; signal: string | null; stdout: string; stderr: string }

export function lines(text = ''): string[] {
  return text.split('\n').filter((l) => l !== '');
}

export async function waitUntil(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return test();
}

export function netnsOf(pid: number | 'self'): string {
  return readlinkSync(`/proc/${pid}/ns/net`);
}

/** True when something listens on TCP port `port` in the network namespace of `pid` (proc(5) /proc/<pid>/net/tcp, tcp6). */
export function listening(pid: number, port: number): boolean {
  const hex = ':' + port.toString(16).toUpperCase().padStart(4, '0');
  // busybox httpd binds [::]:port when IPv6 is there (then it shows in tcp6 only).
  return ['tcp', 'tcp6'].some((file) => {
    try {
      return readFileSync(`/proc/${pid}/net/${file}`, 'utf8').split('\n').some((l) => {
        const f = l.trim().split(/\s+/);
        return f[1]?.endsWith(hex) && f[3] === '0A';
      });
    } catch {
      return false;
    }
  });
}
