// The tests' own reading of a container's PID namespace: every member's host PID and PID inside, from the host's /proc.
import { readdirSync, readlinkSync } from 'node:fs';
import { builderPid, statusField } from './kernelView.js';

/** Host PID → NSpid (host PID first, PID inside last) of every process in this PID namespace. */
export function pidNamespaceMembers(pidNs: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/ns/pid`) !== pidNs) continue;
      out.set(Number(name), statusField(Number(name), 'NSpid').split(/\s+/).map(Number));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The host PID of the running lesson's PID 1: the member of the container process's pid_for_children whose NSpid ends in 1. */
export function initHostPid(): number {
  const members = pidNamespaceMembers(readlinkSync(`/proc/${builderPid()}/ns/pid_for_children`));
  const init = [...members].find(([, ns]) => ns[ns.length - 1] === 1);
  if (!init) throw new Error('the container\'s PID namespace has no PID 1');
  return init[0];
}
