// serve(): requests answered one at a time in order, except the read-only methods named `immediate`.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serve } from '../../../src/helper/rpc.js';

function server(immediate?: ReadonlySet<string>) {
  const input = new PassThrough();
  const output = new PassThrough();
  const replies: { id: number; result?: unknown }[] = [];
  let buffered = '';
  output.on('data', (d: Buffer) => {
    buffered += d.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      replies.push(JSON.parse(buffered.slice(0, nl)));
      buffered = buffered.slice(nl + 1);
    }
  });
  let release: () => void = () => {};
  const step = new Promise<void>((r) => (release = r));
  const handlers = {
    act: async () => {
      await step;
      return 'acted';
    },
    snapshot: () => 'queued snapshot',
    liveSnapshot: () => 'live snapshot',
  };
  serve(handlers, input, output, () => {}, undefined, immediate);
  const send = (id: number, method: string) => input.write(JSON.stringify({ id, method }) + '\n');
  return { send, replies, release };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('serve', () => {
  it('an immediate method is answered while a step holds the queue; the others wait their turn', async () => {
    const s = server(new Set(['liveSnapshot']));
    s.send(1, 'act');
    s.send(2, 'snapshot');
    s.send(3, 'liveSnapshot');
    await settle();
    expect(s.replies).toEqual([{ id: 3, result: 'live snapshot' }]);
    s.release();
    await settle();
    expect(s.replies.map((r) => r.id)).toEqual([3, 1, 2]);
  });

  it('without `immediate` every request waits for the one before', async () => {
    const s = server();
    s.send(1, 'act');
    s.send(2, 'liveSnapshot');
    await settle();
    expect(s.replies).toEqual([]);
    s.release();
    await settle();
    expect(s.replies.map((r) => r.id)).toEqual([1, 2]);
  });
});
