// ← and r for real: undo rebuilds the container from the start; the kernel shows the step gone.
import { expect, it } from 'vitest';
import { describeAsRoot } from '../support/requireRoot.js';
import { useLiveLesson } from '../support/liveLesson.js';
import { inNamespaces, isAlive, nsLink, until } from '../support/kernelView.js';

describeAsRoot('undo and reset', () => {
  const live = useLiveLesson('namespaces');
  const { lesson } = live;

  it('back undoes the last step by rebuilding the ones before it', async () => {
    expect(lesson.steps.slice(0, 3).map((s) => s.action.name)).toEqual(['unshare', 'sethostname', 'unshare']);
    for (let i = 0; i < 3; i++) await live.session.next();
    const old = (await live.helper.pids()).builder;
    expect(nsLink(old, 'mnt')).not.toBe(nsLink('self', 'mnt'));

    await live.session.back();
    expect(live.session.getState().cursor).toBe(2);
    expect(live.session.getState().steps[2].status).toBe('pending');
    const rebuilt = (await live.helper.pids()).builder;
    expect(rebuilt).not.toBe(old);
    expect(await until(() => !isAlive(old), 2000)).toBe(true);
    // Step 3 (the mount namespace) is undone; steps 1 and 2 were done again for real.
    expect(nsLink(rebuilt, 'mnt')).toBe(nsLink('self', 'mnt'));
    expect(nsLink(rebuilt, 'uts')).not.toBe(nsLink('self', 'uts'));
    expect(inNamespaces(rebuilt, ['--uts'], ['hostname']).trim()).toBe('container-lab');
  });

  it('reset starts from a process in the host\'s namespaces', async () => {
    await live.session.reset();
    expect(live.session.getState().cursor).toBe(0);
    const fresh = (await live.helper.pids()).builder;
    for (const ns of ['uts', 'mnt', 'net', 'ipc', 'pid', 'cgroup']) expect(nsLink(fresh, ns)).toBe(nsLink('self', ns));
  });
});
