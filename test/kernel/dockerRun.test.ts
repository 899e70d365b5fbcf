// docker-run lesson, undo and reset for real: the forwarder and the lab network go with the step
// that made them, and a reset leaves no bridge process, forwarder or cl- link behind.
import { expect, it } from 'vitest';
import { describeAsRoot } from '../support/requireRoot.js';
import { useLiveLesson } from '../support/liveLesson.js';
import { isAlive, until } from '../support/kernelView.js';
import { dockerRunLeftovers, hostLabLinks, labNetProcesses } from '../support/dockerRunView.js';

describeAsRoot('docker-run: undo and reset', () => {
  const live = useLiveLesson('docker-run');
  const { lesson } = live;

  it('back from the published port: the old forwarder and bridge die, the rebuilt network has no forwarder', async () => {
    const publish = lesson.steps.findIndex((s) => s.action.name === 'publish-port');
    for (let i = 0; i <= publish; i++) {
      await live.session.next();
      expect(live.session.getState().steps[i].error ?? '').toBe('');
    }
    const bridge = labNetProcesses(/^container-lab-bridge\0/);
    const forwarder = labNetProcesses(/--container-lab-forwarder/);
    expect(bridge).toHaveLength(1);
    expect(forwarder).toHaveLength(1);

    await live.session.back();
    expect(live.session.getState().cursor).toBe(publish);
    expect(await until(() => !isAlive(bridge[0]) && !isAlive(forwarder[0]), 2000)).toBe(true);
    expect(labNetProcesses(/--container-lab-forwarder/)).toEqual([]);
    expect(labNetProcesses(/^container-lab-bridge\0/)).toHaveLength(1);
    expect(hostLabLinks()).toEqual([]);
  });

  it('reset: nothing of the network is left', async () => {
    await live.session.reset();
    expect(live.session.getState().cursor).toBe(0);
    expect(await until(() => dockerRunLeftovers().length === 0, 2000), `left: ${dockerRunLeftovers()}`).toBe(true);
  });
});
