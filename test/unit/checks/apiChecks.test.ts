// The REST lesson's request patterns, and reading the proxy's log from a step's mark on.
import { describe, expect, it } from 'vitest';
import { apiSaw, createdThroughApi, matchesRequest, proxyListening, readApiLog } from '../../../src/checks/apiChecks.js';
import { chainLab } from '../../support/fakeChain.js';
import { chain } from '../../../src/actions/chainState.js';
import { fakeLab } from '../../support/fakeLab.js';
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

describe('proxy-listening', () => {
  const path = '/run/container-lab/session-test/api-proxy.sock';
  function lab(unix: string) {
    const ctx = fakeLab({ sys: new RecordingSys({ files: { [path]: '', '/proc/net/unix': unix } }) });
    ctx.sys.lstat = () => ({ dev: 1, ino: 1, mode: 0o140755, uid: 0, gid: 0, size: 0, rdev: 0, isFile: false, isDirectory: false, isSymbolicLink: false, isCharacterDevice: false });
    return ctx;
  }
  const HEAD = 'Num       RefCount Protocol Flags    Type St Inode Path\n';

  it('passes when /proc/net/unix has a listening socket (__SO_ACCEPTCON) bound to the path', () => {
    expect(proxyListening.run(lab(`${HEAD}0000000000000000: 00000002 00000000 00010000 0001 01 77262 ${path}\n`), {})).toEqual({ ok: true, detail: `${path} listens (/proc/net/unix)` });
  });

  it('fails on a bound socket nobody listens on, a file that is no socket, a missing path', () => {
    expect(proxyListening.run(lab(`${HEAD}0000000000000000: 00000002 00000000 00000000 0001 01 77262 ${path}\n`), {}).ok).toBe(false);
    const file = fakeLab({ sys: new RecordingSys({ files: { [path]: 'x' } }) });
    expect(proxyListening.run(file, {}).detail).toBe(`${path} is not a socket`);
    expect(proxyListening.run(fakeLab(), {}).detail).toBe(`${path} does not exist`);
  });
});

describe('api-saw', () => {
  const file = '/run/container-lab/session-test/api-log.jsonl';
  const entries = [
    { seq: 1, t: 1, method: 'GET', path: '/v1.41/containers/json', status: 200 },
    { seq: 2, t: 2, method: 'POST', path: '/v1.41/containers/create', status: 201 },
    { seq: 3, t: 3, method: 'POST', path: '/v1.41/containers/f5f875435569/start', status: 204 },
  ];
  const ctx = fakeLab({ sys: new RecordingSys({ files: { [file]: entries.map((e) => JSON.stringify(e)).join('\n') } }) });

  it('finds the patterns in order, from the step\'s mark on', () => {
    chain(ctx).apiLogMark = 1;
    expect(apiSaw.run(ctx, { requests: ['POST /containers/create 201', 'POST /containers/*/start'] })).toEqual({ ok: true, detail: 'POST /v1.41/containers/create 201 · POST /v1.41/containers/f5f875435569/start 204' });
    expect(apiSaw.run(ctx, { requests: ['GET /containers/json'] }).detail).toBe("no GET /containers/json after the start in the proxy's log (2 requests)");
    expect(apiSaw.run(ctx, { requests: ['POST /containers/*/start', 'POST /containers/create'] }).ok).toBe(false);
  });

  it('with from: start, reads the whole log: a request of a task, made while later steps ran', () => {
    chain(ctx).apiLogMark = 2;
    expect(apiSaw.run(ctx, { requests: ['GET /containers/json 200'] }).ok).toBe(false);
    expect(apiSaw.run(ctx, { requests: ['GET /containers/json 200'], from: 'start' })).toEqual({ ok: true, detail: 'GET /v1.41/containers/json 200' });
  });

  it('says in words that nothing went through the proxy yet when its log does not exist', () => {
    expect(apiSaw.run(fakeLab(), { requests: ['GET /info'], from: 'start' })).toEqual({ ok: false, detail: 'the proxy has logged no request yet (no api-log.jsonl in the session directory)' });
  });
});

describe('created-through-api', () => {
  function lab(entries: object[], ps: string) {
    const { ctx, d } = chainLab();
    ctx.sys.files.set(`${ctx.session.dir}/api-log.jsonl`, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    ctx.sys.answer(d.dockerArgv(['ps']), { stdout: ps });
    return { ctx, d };
  }
  const created = { seq: 4, t: 4, method: 'POST', path: '/v1.41/containers/create?name=by-curl', status: 201 };

  it('passes on a 201 create of that name through the proxy and docker ps -a listing it with the session\'s label', () => {
    const { ctx, d } = lab([created], 'a1b2c3d4e5f6\tcreated\ttest\n');
    expect(createdThroughApi.run(ctx, { name: 'by-curl' })).toEqual({ ok: true, detail: 'POST /containers/create?name=by-curl → 201 through the proxy; docker ps -a: by-curl a1b2c3d4e5f6 created, label container-lab=test' });
    const asked = ctx.sys.calls.find((c) => c.via === 'program');
    expect(asked && 'argv' in asked ? asked.argv : []).toEqual(d.dockerArgv(['ps', '-a', '--filter', 'name=^by-curl$', '--format', '{{.ID}}\t{{.State}}\t{{.Label "container-lab"}}']));
  });

  it('fails without the request, on a refused create, on a container gone or without the lab\'s label', () => {
    expect(createdThroughApi.run(lab([{ ...created, path: '/v1.41/containers/create?name=other' }], '').ctx, { name: 'by-curl' }).detail)
      .toBe("the proxy's log (1 requests) has no POST /containers/create?name=by-curl");
    expect(createdThroughApi.run(lab([{ ...created, status: 409 }], '').ctx, { name: 'by-curl' }).detail).toBe('POST /containers/create?name=by-curl was answered 409, not 201');
    expect(createdThroughApi.run(lab([created], '').ctx, { name: 'by-curl' }).detail).toBe('docker ps -a lists no container named by-curl (any more)');
    expect(createdThroughApi.run(lab([created], 'a1b2c3d4e5f6\tcreated\t\n').ctx, { name: 'by-curl' }).detail)
      .toBe('by-curl (a1b2c3d4e5f6) has no container-lab label, not container-lab=test: the lab would not remove it');
    expect(createdThroughApi.run(lab([created], 'a1b2c3d4e5f6\tcreated\tother\n').ctx, { name: 'by-curl' }).detail).toMatch(/has the label container-lab=other, not container-lab=test/);
  });
});
