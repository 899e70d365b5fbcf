// chainState: one slot per lesson; its teardown runs the steps' cleanups last first, closes the proxy, stops the daemons.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chain, chainIfMade, chainPids, markApiLog, setFocus } from '../../../src/actions/chainState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { chainLab } from '../../support/fakeChain.js';

describe('the chain slot', () => {
  it('is made on first use; the snapshot sees nothing before', () => {
    const ctx = fakeLab();
    expect(chainIfMade(ctx)).toBeUndefined();
    expect(chainPids(ctx)).toBeUndefined();
    chain(ctx).pids.push(7);
    expect(chainPids(ctx)).toEqual({ dir: ctx.session.dir, pids: [7], focusPid: null });
  });

  it('tears down the lab\'s own daemons without the steps\' cleanups: their stop() ends every container with them', async () => {
    const { ctx, d } = chainLab();
    const order: string[] = [];
    chain(ctx).cleanups.push(async () => void order.push('docker rm -f'));
    d.stop = async () => {
      order.push('daemons');
      return { killed: [], unmounted: [], cgroups: [], problems: [] };
    };
    await ctx.slots.teardownAll();
    expect(order).toEqual(['daemons']);
  });

  it('with daemons that outlive the lesson (the host\'s Docker): cleanups in reverse, then the proxy, then the daemons; the slot is gone after', async () => {
    const { ctx, d } = chainLab();
    (d as { stopEndsEverything: boolean }).stopEndsEverything = false;
    const order: string[] = [];
    const c = chain(ctx);
    c.cleanups.push(async () => void order.push('first'), async () => {
      order.push('second');
      throw new Error('a cleanup that fails does not stop the others');
    });
    c.proxy = { path: 'p', logFile: 'l', close: async () => void order.push('proxy') };
    d.stop = async () => {
      order.push('daemons');
      return { killed: [], unmounted: [], cgroups: [], problems: [] };
    };
    expect(chainPids(ctx)?.dir).toBe(ctx.session.dir);
    await ctx.slots.teardownAll();
    expect(order).toEqual(['second', 'first', 'proxy', 'daemons']);
    expect(chainIfMade(ctx)).toBeUndefined();
  });
});

describe('setFocus', () => {
  it('writes <session>/init.pid for `container-lab shell`, and removes it', () => {
    const { ctx } = chainLab();
    setFocus(ctx, 6521);
    expect(readFileSync(join(ctx.session.dir, 'init.pid'), 'utf8')).toBe('6521\n');
    expect(chain(ctx).focusPid).toBe(6521);
    setFocus(ctx, null);
    expect(existsSync(join(ctx.session.dir, 'init.pid'))).toBe(false);
  });
});

describe('markApiLog', () => {
  it('marks how many lines the proxy\'s log has before a step\'s requests', async () => {
    const { ctx } = chainLab();
    const logFile = join(ctx.session.dir, 'api-log.jsonl');
    chain(ctx).proxy = { path: 'p', logFile, close: async () => {} };
    markApiLog(ctx);
    expect(chain(ctx).apiLogMark).toBe(0);
    (await import('node:fs')).writeFileSync(logFile, '{"seq":1}\n{"seq":2}\n');
    markApiLog(ctx);
    expect(chain(ctx).apiLogMark).toBe(2);
  });
});
