// docker-run lesson, undo and reset for real: the forwarder and the lab network go with the step
// that made them, and a reset leaves no bridge process, forwarder or cl- link behind.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HelperClient } from '../../src/helper/client.js';
import { LiveSession } from '../../src/lesson/liveSession.js';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir } from '../../src/lesson/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { isAlive, until } from '../support/kernelView.js';
import { dockerRunLeftovers, hostLabLinks, labNetProcesses } from '../support/dockerRunView.js';

describeAsRoot('docker-run: undo and reset', () => {
  const lesson = loadLessons(lessonsDir()).lessons.find((l) => l.id === 'docker-run')!;
  let helper: HelperClient;
  let session: LiveSession;

  beforeAll(async () => {
    helper = HelperClient.start('root', 'inherit');
    session = await LiveSession.open(helper, lesson, { sampleMs: 0 });
  });

  afterAll(async () => {
    await session?.close();
    await helper?.stop();
  });

  it('back from the published port: the old forwarder and bridge die, the rebuilt network has no forwarder', async () => {
    const publish = lesson.steps.findIndex((s) => s.action.name === 'publish-port');
    for (let i = 0; i <= publish; i++) {
      await session.next();
      expect(session.getState().steps[i].error ?? '').toBe('');
    }
    const bridge = labNetProcesses(/^container-lab-bridge\0/);
    const forwarder = labNetProcesses(/--container-lab-forwarder/);
    expect(bridge).toHaveLength(1);
    expect(forwarder).toHaveLength(1);

    await session.back();
    expect(session.getState().cursor).toBe(publish);
    expect(await until(() => !isAlive(bridge[0]) && !isAlive(forwarder[0]), 2000)).toBe(true);
    expect(labNetProcesses(/--container-lab-forwarder/)).toEqual([]);
    expect(labNetProcesses(/^container-lab-bridge\0/)).toHaveLength(1);
    expect(hostLabLinks()).toEqual([]);
  });

  it('reset: nothing of the network is left', async () => {
    await session.reset();
    expect(session.getState().cursor).toBe(0);
    expect(await until(() => dockerRunLeftovers().length === 0, 2000), `left: ${dockerRunLeftovers()}`).toBe(true);
  });
});
