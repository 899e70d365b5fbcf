// start-container-init: the init role's process becomes the lab's PID 1, once.
import { describe, expect, it } from 'vitest';
import { startContainerInit } from '../../../src/actions/startContainerInit.js';
import { containerByHand } from '../../../src/actions/containerInit.js';
import { rootChangerLab, ROLE_PIDS } from '../../support/rootChanger.js';

describe('start-container-init', () => {
  it('asks the container process for the init role\'s process and keeps it as PID 1', async () => {
    const ctx = rootChangerLab();
    const result = await startContainerInit.run(ctx, {});
    expect(ctx.builder.requests).toEqual([{ method: 'startRootProcess', params: { role: 'init' } }]);
    expect(ctx.initPid).toBe(ROLE_PIDS.init);
    expect(containerByHand(ctx)).toEqual({ execed: false });
    expect(result.log.map((e) => e.call)).toEqual(['spawn']);
    expect(result.output).toEqual([`PID 1: host PID ${ROLE_PIDS.init}, still in the host's root, waiting for the next steps`]);
  });

  it('refuses a second PID 1', async () => {
    const ctx = rootChangerLab({}, { initPid: 77 });
    await expect(startContainerInit.run(ctx, {})).rejects.toThrow('PID 1 is already running (host PID 77)');
    expect(ctx.builder.requests).toEqual([]);
  });
});
