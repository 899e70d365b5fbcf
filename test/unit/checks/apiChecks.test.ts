// The REST lesson's request patterns, and reading the proxy's log from a step's mark on.
import { describe, expect, it } from 'vitest';
import { matchesRequest, readApiLog } from '../../../src/checks/apiChecks.js';
import { RecordingSys } from '../../support/recordingSys.js';

describe('matchesRequest', () => {
  it('ignores the API version prefix and the query, * is one path segment, the status is optional', () => {
    const e = { method: 'POST', path: '/v1.41/containers/f5f875435569/attach?stream=1', status: 101 };
    expect(matchesRequest(e, 'POST /containers/*/attach 101')).toBe(true);
    expect(matchesRequest(e, 'POST /containers/*/attach')).toBe(true);
    expect(matchesRequest(e, 'POST /containers/*/attach 200')).toBe(false);
    expect(matchesRequest(e, 'GET /containers/*/attach')).toBe(false);
    expect(matchesRequest(e, 'POST /containers/*')).toBe(false);
  });
});

describe('readApiLog', () => {
  it('keeps the last line of each request, and reads only what comes after the mark', () => {
    const file = '/run/container-lab/session-test/api-log.jsonl';
    const lines = [
      { seq: 1, t: 1, method: 'POST', path: '/v1.41/containers/create', status: 201 },
      { seq: 2, t: 2, method: 'POST', path: '/v1.41/containers/x/wait', status: 200 },
      { seq: 2, t: 2, method: 'POST', path: '/v1.41/containers/x/wait', status: 200, response: '{"StatusCode":0}' },
      { seq: 3, t: 3, method: 'DELETE', path: '/v1.41/containers/x', status: 204 },
    ];
    const sys = new RecordingSys({ files: { [file]: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' } });
    const all = readApiLog(sys, file);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(all[1].response).toBe('{"StatusCode":0}');
    expect(readApiLog(sys, file, 3).map((e) => e.method)).toEqual(['DELETE']);
  });
});
