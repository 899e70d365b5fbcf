// docker-paused on fake docker inspect answers and a fake /proc: State.Paused decides; a SIGSTOPped process is named as no pause.
import { describe, expect, it } from 'vitest';
import { dockerPaused } from '../../../src/checks/dockerPaused.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab, type ChainLab } from '../../support/fakeChain.js';
import { addProcess } from '../../support/fakeProc.js';

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';
const FORMAT = '{{.State.Status}} {{.State.Paused}} {{.State.Pid}}';

function world(inspect: string, state = 'S', target = ID): ChainLab {
  const { ctx, d } = chainLab();
  addProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sleep', state });
  chain(ctx).container = { id: ID, name: 'container-lab-docker', pid: 6521 };
  ctx.sys.answer(d.dockerArgv(['inspect', '--format', FORMAT, target]), { stdout: inspect });
  return ctx;
}

describe('docker-paused', () => {
  it('passes when docker inspect says State.Paused true, status paused', () => {
    expect(dockerPaused.run(world('paused true 6521\n', 'D'), {})).toEqual({ ok: true, detail: 'docker inspect d299bce2daf8: State.Paused true, State.Status paused' });
  });

  it('fails on a running container, and says so when its process is only SIGSTOPped', () => {
    expect(dockerPaused.run(world('running false 6521\n'), {})).toEqual({ ok: false, detail: 'docker inspect d299bce2daf8: State.Paused false, State.Status running' });
    expect(dockerPaused.run(world('running false 6521\n', 'T'), {}).detail).toBe(
      'docker inspect d299bce2daf8: State.Paused false, State.Status running; its PID 6521 is stopped by a signal (stat T), which neither containerd nor docker counts as paused',
    );
  });

  it('asks about the container of that name with `name`', () => {
    expect(dockerPaused.run(world('paused true 6521\n', 'D', 'other'), { name: 'other' })).toEqual({ ok: true, detail: 'docker inspect other: State.Paused true, State.Status paused' });
  });
});
