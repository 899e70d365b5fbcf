// Lesson 1's tasks for real: the hostname names PID 1's host PID, then another process's two PIDs; wrong numbers stay unsolved.
import { expect, it } from 'vitest';
import { readFileSync, readlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { openTask, expectSolved, expectUnsolved } from '../../support/taskRun.js';
import { builderPid, inNamespaces, until } from '../../support/kernelView.js';
import { initHostPid, pidNamespaceMembers } from '../../support/pidView.js';
import { packageRoot } from '../../../src/sys/packageRoot.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const hostHostname = () => readFileSync('/proc/sys/kernel/hostname', 'utf8').trim();

/** What the learner does in a shell of the container: hostname(1) in its UTS namespace. */
function setHostnameInside(name: string): void {
  inNamespaces(initHostPid(), ['--uts'], ['hostname', name]);
}

function failing(t: { checks: Array<{ ok: boolean; detail: string }> }): string[] {
  return t.checks.filter((c) => !c.ok).map((c) => c.detail);
}

describeAsRoot('lesson just-a-process: its tasks, solved for real', () => {
  const live = useLiveLesson('just-a-process');
  const host = hostHostname();

  it('pid-on-host: PID 1\'s PID inside, or another host PID, leaves it open; its host PID solves it', async () => {
    await openTask(live, 'pid-on-host');
    const init = initHostPid();
    setHostnameInside('pid-1');
    expect(failing(await expectUnsolved(live, 'pid-on-host'))).toEqual(['hostname inside is pid-1: 1 is its PID inside the container; the host knows it by another']);
    setHostnameInside(`pid-${builderPid()}`);
    expect(failing(await expectUnsolved(live, 'pid-on-host'))).toEqual([`hostname inside is pid-${builderPid()}, but host PID ${builderPid()} is not the container's PID 1`]);
    setHostnameInside(`pid-${init}`);
    const solved = await expectSolved(live, 'pid-on-host');
    expect(solved.checks[0].detail).toBe(`hostname inside is pid-${init}: PID 1 of the container is PID ${init} on the host (NSpid ${init} 1)`);
    expect(hostHostname()).toBe(host);
  });

  it('two-pids: a sleep started from a second terminal (container-lab shell), named by both its PIDs', async () => {
    await openTask(live, 'two-pids');
    const pidNs = readlinkSync(`/proc/${builderPid()}/ns/pid_for_children`);
    const init = initHostPid();
    setHostnameInside(`two-${init}-1`);
    expect(failing(await expectUnsolved(live, 'two-pids'))).toEqual([`hostname inside is two-${init}-1: host PID ${init} is PID 1; start another process`]);
    // the second terminal: container-lab shell joins the container; the sleep outlives it in the container's PID namespace
    const joined = spawnSync(process.execPath, [cli, 'shell'], { input: 'sleep 600 </dev/null >/dev/null 2>&1 &\n', encoding: 'utf8', timeout: 20000 });
    expect(joined.status, joined.stderr).toBe(0);
    // PID 1 itself may be a sleep too (container-lab-init): the learner's is any other
    const sleeper = () => [...pidNamespaceMembers(pidNs)].find(([pid, ns]) => ns[ns.length - 1] !== 1 && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sleep');
    expect(await until(() => sleeper() !== undefined, 5000)).toBe(true);
    const [hostPid, nsPids] = sleeper()!;
    const inside = nsPids[nsPids.length - 1];
    expect(nsPids).toEqual([hostPid, inside]);
    expect(inside).toBeGreaterThan(1);
    setHostnameInside(`two-${hostPid}-${inside + 1}`);
    expect(failing(await expectUnsolved(live, 'two-pids'))).toEqual([`hostname inside is two-${hostPid}-${inside + 1}: host PID ${hostPid} is in the container, but its PID inside is not ${inside + 1}`]);
    setHostnameInside(`two-${hostPid}-${inside}`);
    await expectSolved(live, 'two-pids');
    expect(inNamespaces(init, ['--uts'], ['hostname']).trim()).toBe(`two-${hostPid}-${inside}`);
    expect(hostHostname()).toBe(host);
  });
});
