// The app's door to the helper: whatever the helper sends back reaches the app inert.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { HelperClient } from '../../../src/helper/client.js';
import { LabError } from '../../../src/errors.js';

/** A HelperClient on a fake child process whose replies the test writes. */
function fakeHelper(reply: (request: { id: number; method: string }) => object): HelperClient {
  const child = Object.assign(new EventEmitter(), { stdin: new PassThrough(), stdout: new PassThrough(), exitCode: null, signalCode: null });
  createInterface({ input: child.stdin }).on('line', (line) => {
    const request = JSON.parse(line) as { id: number; method: string };
    child.stdout.write(JSON.stringify({ id: request.id, ...reply(request) }) + '\n');
  });
  const Ctor = HelperClient as unknown as new (c: typeof child) => HelperClient;
  return new Ctor(child);
}

describe('HelperClient', () => {
  it('makes step output, snapshots (comm names, hostnames) and log entries inert', async () => {
    const helper = fakeHelper((r) =>
      r.method === 'act'
        ? { result: { log: [{ call: 'sethostname', args: ['"\u001b]0;x\u0007"'], ret: '0' }], output: ['\u001b[2Jcleared', 'ok'], ms: 1 } }
        : { result: { hostname: { host: 'h', container: '\u009b31m' }, processes: [{ name: '\u001b]2;evil\u0007', cmdline: 'sh\rX' }] } },
    );
    const act = await helper.act('run', {});
    expect(act.output).toEqual(['\\x1b[2Jcleared', 'ok']);
    expect(act.log[0].args).toEqual(['"\\x1b]0;x\\x07"']);
    const snap = (await helper.snapshot()) as unknown as { hostname: { container: string }; processes: Array<{ name: string; cmdline: string }> };
    expect(snap.hostname.container).toBe('\\x9b31m');
    expect(snap.processes[0]).toEqual({ name: '\\x1b]2;evil\\x07', cmdline: 'sh\\rX' });
  });

  it('makes an error that quotes a program inert, message, hint and log', async () => {
    const helper = fakeHelper(() => ({ error: { message: 'mount failed: \u001b[31mbad', hint: 'try \u0007', code: 'EPERM', log: [{ call: 'mount', args: ['\u001b'], ret: '-1' }] } }));
    const error = await helper.act('mount-tmpfs', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect(error).toMatchObject({ message: 'mount failed: \\x1b[31mbad', hint: 'try \\x07', code: 'EPERM', log: [{ args: ['\\x1b'] }] });
  });
});
