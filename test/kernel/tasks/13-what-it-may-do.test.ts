// Lesson 13's tasks for real: a process nsenter'd into the container and narrowed by setpriv as PID 1 is, and the hostname changed from the host's side.
import { afterEach, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { LearnerProcesses } from '../../support/learnerProcess.js';
import { statusField } from '../../support/kernelView.js';

/** Docker's default set, as setpriv(1) takes it (the test's own list, from moby oci/caps/defaults.go). */
const DOCKER_14 = '-all,+chown,+dac_override,+fowner,+fsetid,+kill,+setgid,+setuid,+setpcap,+net_bind_service,+net_raw,+sys_chroot,+mknod,+audit_write,+setfcap';

function hostnameInside(init: number): string {
  return spawnSync('nsenter', ['--target', String(init), '--uts', '--', 'hostname'], { encoding: 'utf8' }).stdout.trim();
}

describeAsRoot('lesson 13 tasks (what-it-may-do)', () => {
  const live = useLiveLesson('what-it-may-do');
  const learner = new LearnerProcesses();
  afterEach(() => learner.stop());

  it('confined-child: a sleep nsenter alone started leaves it open; nsenter then setpriv solves it', async () => {
    await openTask(live, 'confined-child');
    const { init } = await live.helper.pids();
    const enter = ['nsenter', '--target', String(init), '--pid', '--uts', '--ipc', '--net', '--'];

    // nsenter joins the namespaces only: the host's capabilities, no no_new_privs
    const entered = await learner.start([...enter, 'sleep', '1000'], 'sleep');
    expect(statusField(entered, 'NoNewPrivs')).toBe('0');
    let t = await expectUnsolved(live, 'confined-child');
    expect(t.checks[0].detail).toMatch(/is not held as PID 1 is: CapBnd 0*1f\w+ \(PID 1: 00000000a80425fb\)/);
    await learner.stop();

    // no_new_privs alone is not enough: the sets are still the host's
    await learner.start([...enter, 'setpriv', '--no-new-privs', 'sleep', '1000'], 'sleep');
    t = await expectUnsolved(live, 'confined-child');
    expect(t.checks[0].detail).toMatch(/CapBnd .*CapEff /);
    expect(t.checks[0].detail).not.toMatch(/NoNewPrivs/);
    await learner.stop();

    // the hint's command: setpriv narrows the bounding set, then execs sleep as root
    const sleep = await learner.start([...enter, 'setpriv', '--no-new-privs', '--inh-caps=-all', `--bounding-set=${DOCKER_14}`, 'sleep', '1000'], 'sleep');
    expect([statusField(sleep, 'CapBnd'), statusField(sleep, 'CapEff'), statusField(sleep, 'NoNewPrivs')]).toEqual(['00000000a80425fb', '00000000a80425fb', '1']);
    t = await expectSolved(live, 'confined-child');
    expect(t.checks[0].detail).toMatch(/CapBnd 00000000a80425fb, CapEff 00000000a80425fb, NoNewPrivs 1, as PID 1/);
  });

  it('hostname-from-outside: a hostname held as PID 1 is leaves it open (EPERM); nsenter --uts from the host solves it', async () => {
    await openTask(live, 'hostname-from-outside');
    const { init } = await live.helper.pids();
    const host = hostname();

    // without CAP_SYS_ADMIN in its bounding set, root's hostname is refused, in the container's UTS namespace too
    const refused = spawnSync('nsenter', ['--target', String(init), '--uts', '--', 'setpriv', '--inh-caps=-all', '--bounding-set=-sys_admin', 'hostname', 'outside'], { encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/Operation not permitted|must be root/);
    expect(hostnameInside(init!)).toBe('may-do');
    let t = await expectUnsolved(live, 'hostname-from-outside');
    expect(t.checks[0].detail).toMatch(/is may-do, expected outside/);

    // from the host: root there still has CAP_SYS_ADMIN; only the UTS namespace is joined
    const r = spawnSync('nsenter', ['--target', String(init), '--uts', '--', 'hostname', 'outside'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(hostnameInside(init!)).toBe('outside');
    expect(readFileSync('/proc/sys/kernel/hostname', 'utf8').trim()).toBe(host);
    t = await expectSolved(live, 'hostname-from-outside');
    expect(t.checks[0].detail).toMatch(/outside/);
  });
});
