// dockerd's reconnection to a restarted containerd, read from its log: the first READY after the restart.
import { describe, expect, it } from 'vitest';
import { readyAfter } from '../../../src/actions/startContainerd.js';

const log = [
  'time="2026-11-26T09:06:32.063011661Z" level=info msg="[core] Channel Connectivity change to READY" module=grpc',
  'time="2026-11-26T09:06:33.632057042Z" level=error msg="Failed to get event" error="rpc error: code = Unavailable desc = transport is closing" module=libcontainerd namespace=moby',
  'time="2026-11-26T09:06:34.634539545Z" level=info msg="[core] Subchannel Connectivity change to TRANSIENT_FAILURE" module=grpc',
  'time="2026-11-26T09:06:35.635772118Z" level=info msg="[core] Subchannel Connectivity change to READY" module=grpc',
].join('\n');

describe('readyAfter', () => {
  it('skips the READY from before the restart and finds the one after it', () => {
    const restart = Date.parse('2026-11-26T09:06:34.977Z');
    expect(readyAfter(log, restart)).toBe(Date.parse('2026-11-26T09:06:35.635Z'));
  });
  it('says null while dockerd has not reconnected', () => {
    expect(readyAfter(log, Date.parse('2026-11-26T09:06:36Z'))).toBeNull();
    expect(readyAfter('', 0)).toBeNull();
  });
});
