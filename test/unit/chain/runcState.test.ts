// runc's state JSON: parsed from what runc 1.1.5 printed, trimmed for the panel block.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuncState, runcWords, saysNotExist, stateLines } from '../../../src/chain/runcState.js';

const created = readFileSync(join(__dirname, '../../fixtures/chain/runc/state-created.json'), 'utf8');

describe('parseRuncState', () => {
  it('reads the OCI state fields', () => {
    expect(parseRuncState(created)).toEqual({
      ociVersion: '1.0.2-dev',
      id: 'cl-proto',
      pid: 5696,
      status: 'created',
      bundle: '/tmp/container-lab-proto/bundle',
      created: '2026-11-26T08:34:02.309980012Z',
    });
  });

  it('says what is wrong with text that is not a state', () => {
    expect(() => parseRuncState('')).toThrow(/not JSON: \(nothing\)/);
    expect(() => parseRuncState('{"id": "x"}')).toThrow(/no id, status and pid/);
  });
});

describe('stateLines', () => {
  it('is the state JSON without rootfs and owner, status and pid first, short enough for the block', () => {
    const lines = stateLines({ ...parseRuncState(created), pid: 0, status: 'stopped' });
    expect(lines).toEqual([
      '{',
      '  "status": "stopped",',
      '  "pid": 0,',
      '  "id": "cl-proto",',
      '  "bundle": "/tmp/container-lab-proto/bundle",',
      '  "created": "2026-11-26T08:34:02.309980012Z",',
      '  "ociVersion": "1.0.2-dev"',
      '}',
    ]);
    expect(lines.length).toBeLessThanOrEqual(12);
  });
});

describe('saysNotExist', () => {
  it('knows runc\'s words for a container that is not there', () => {
    expect(saysNotExist('time="2026-11-26T08:34:17Z" level=error msg="container does not exist"')).toBe(true);
    expect(saysNotExist('permission denied')).toBe(false);
  });
});

describe('runcWords', () => {
  it('keeps the message of runc\'s log lines, and other lines as they are', () => {
    expect(runcWords('time="2026-11-26T08:45:33Z" level=error msg="container does not exist"')).toBe('container does not exist');
    expect(runcWords('time="x" level=error msg="unknown signal \\"BOGUS\\""\nplain line')).toBe('unknown signal "BOGUS"\nplain line');
  });
});
