// docker-did-not-kill on recorded `docker events` answers: a die without a kill passes, dockerd's own kill fails.
import { describe, expect, it } from 'vitest';
import { dockerDidNotKill } from '../../../src/checks/dockerEvents.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';

function lab(events: string) {
  const { ctx, d } = chainLab();
  chain(ctx).container = { id: ID, name: 'c', pid: 6521 };
  ctx.sys.answer(d.dockerArgv(['events']), { stdout: events });
  return ctx;
}

describe('docker-did-not-kill', () => {
  it('passes on a die that dockerd did not cause, asking events only up to now', () => {
    const ctx = lab('create \nstart \ndie 137\n');
    expect(dockerDidNotKill.run(ctx, {})).toEqual({ ok: true, detail: 'docker events for d299bce2daf8: create, start, die 137; die with exitCode 137, not of a signal dockerd sent' });
    expect(dockerDidNotKill.run(lab('create \nstart \nkill 15\ndie 137\n'), {}).ok, 'a SIGTERM from dockerd that PID 1 ignored').toBe(true);
    const argv = ctx.sys.calls.flatMap((c) => (c.via === 'program' && c.argv.includes('events') ? [c.argv] : []))[0];
    expect(argv.slice(argv.indexOf('events'), argv.indexOf('events') + 7)).toEqual(['events', '--since', '1', '--until', argv[argv.indexOf('--until') + 1], '--filter', `container=${ID}`]);
    expect(Number(argv[argv.indexOf('--until') + 1])).toBeGreaterThan(1_700_000_000);
  });

  it('fails on dockerd\'s own kill, and before the container died', () => {
    expect(dockerDidNotKill.run(lab('create \nstart \nkill 15\nkill 9\ndie 137\n'), {}).detail).toBe('docker events: dockerd itself sent container d299bce2daf8 signal 9, the one it died of (docker kill or docker stop)');
    expect(dockerDidNotKill.run(lab('create \nstart \n'), {}).detail).toBe('docker events: no die for container d299bce2daf8 yet (create, start)');
  });
});
