// A fake lab for the container-by-hand steps: PID 1 started (and pivoted) without the steps before it.
import { containerSlot } from '../../src/actions/containerInit.js';
import type { LabContext } from '../../src/steps/context.js';
import { rootChangerLab, ROLE_PIDS } from './rootChanger.js';

export const MERGED = '/run/container-lab/session-test/containers/c1/merged';

export function byHandLab(stage: 'started' | 'pivoted', replies: Parameters<typeof rootChangerLab>[0] = {}, overrides: Partial<LabContext> = {}) {
  const ctx = rootChangerLab(replies, { initPid: ROLE_PIDS.init, ...overrides });
  const container = ctx.slots.use(containerSlot);
  if (stage === 'pivoted') container.merged = MERGED;
  return ctx;
}
