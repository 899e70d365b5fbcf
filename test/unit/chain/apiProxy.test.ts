// The docker API logging proxy against fake dockerds on unix sockets: bytes pass unchanged, exchanges are recorded in order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProxy, type ApiProxy } from '../../../src/chain/apiProxy.js';
import type { HttpExchange } from '../../../src/chain/apiTypes.js';

const ID = 'f5f875435569e1a9c6e2fa6fbd7bca3f0bd7d9ff3b3d5c4a2e8b7c1d0e9f8a7b';
const UPGRADE_HEAD = 'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n';

let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'container-lab-apiproxy-'));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function listen(server: net.Server, path: string): Promise<void> {
  await new Promise<void>((resolve) => server.listen(path, resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    if (server instanceof http.Server) server.closeAllConnections();
    server.close(() => resolve());
  }));
}

async function proxyTo(upstream: string, extra: { logFile?: string; onExchange?: (e: HttpExchange) => void } = {}): Promise<ApiProxy> {
  const proxy = await startApiProxy({ listen: join(dir, 'proxy.sock'), upstream, ...extra });
  cleanups.push(() => proxy.close());
  return proxy;
}

/** A dockerd look-alike: the endpoints `docker run` uses, answered the way dockerd answers them. */
async function fakeDockerd(path: string) {
  const seen = { connections: 0, createBody: '', loadSha: '', loadBytes: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? '';
      if (req.method === 'HEAD' && url === '/_ping') {
        res.writeHead(200, { 'Api-Version': '1.41', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '2' });
        res.end();
      } else if (req.method === 'POST' && url.startsWith('/v1.41/containers/create')) {
        seen.createBody = body.toString();
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(`${JSON.stringify({ Id: ID, Warnings: [] })}\n`);
      } else if (req.method === 'GET' && url === '/v1.41/containers/json') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('[{"Id":"a","Names":["/one"]}');
        res.end(',{"Id":"b","Names":["/two"]}]\n');
      } else if (req.method === 'POST' && url === '/v1.41/images/load') {
        seen.loadBytes = body.length;
        seen.loadSha = createHash('sha256').update(body).digest('hex');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"stream":"Loaded image: container-lab/lab:latest\\n"}\n');
      } else if (req.method === 'POST' && url === '/v1.41/containers/x/wait') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        setTimeout(() => res.end('{"StatusCode":42}\n'), 200);
      } else {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end('{"message":"page not found"}\n');
      }
    });
  });
  server.on('connection', () => { seen.connections += 1; });
  server.on('upgrade', (_req, socket: net.Socket, head: Buffer) => {
    socket.write(UPGRADE_HEAD);
    if (head.length > 0) socket.write(head);
    socket.on('data', (d) => socket.write(d));
    socket.on('end', () => socket.end());
  });
  await listen(server, path);
  return seen;
}

interface Reply { status: number; body: string }

function request(socketPath: string, agent: http.Agent, method: string, path: string, body?: { type: string; parts: (string | Buffer)[]; length?: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (body) headers['Content-Type'] = body.type;
    if (body?.length !== undefined) headers['Content-Length'] = body.length;
    const req = http.request({ socketPath, agent, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    for (const part of body?.parts ?? []) req.write(part);
    req.end();
  });
}

/** Writes `data` on a raw connection and collects everything until the other side ends. */
function rawExchange(path: string, data: string | Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(path, () => socket.write(data));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

function logLines(file: string): HttpExchange[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as HttpExchange);
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startApiProxy', () => {
  it('records a docker-like conversation on one keep-alive connection, then an attach that upgrades', async () => {
    const upstream = join(dir, 'docker.sock');
    const seen = await fakeDockerd(upstream);
    const logFile = join(dir, 'api.jsonl');
    const heard: HttpExchange[] = [];
    const proxy = await proxyTo(upstream, { logFile, onExchange: (e) => heard.push(e) });
    expect(statSync(proxy.path).mode & 0o777).toBe(0o600);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    const create = JSON.stringify({
      Hostname: '', AttachStdout: true, Tty: false, Env: null, Cmd: ['/usr/bin/hello'], Image: 'container-lab/lab', Volumes: {},
      Labels: { 'container-lab': 't' }, HostConfig: { NetworkMode: 'none', AutoRemove: false, ConsoleSize: [0, 0], Memory: 0 },
    });
    const tar = Buffer.alloc(1_000_000, 7);
    tar.write('ustar', 257, 'latin1');

    expect(await request(proxy.path, agent, 'HEAD', '/_ping')).toEqual({ status: 200, body: '' });
    // Sent chunked, in two pieces, to exercise chunked request bodies.
    const created = await request(proxy.path, agent, 'POST', '/v1.41/containers/create?name=x', { type: 'application/json', parts: [create.slice(0, 30), create.slice(30)] });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body).Id).toBe(ID);
    expect(seen.createBody).toBe(create);
    expect(JSON.parse((await request(proxy.path, agent, 'GET', '/v1.41/containers/json')).body)).toHaveLength(2);
    const loaded = await request(proxy.path, agent, 'POST', '/v1.41/images/load', { type: 'application/x-tar', parts: [tar], length: tar.length });
    expect(loaded.status).toBe(200);
    expect(seen.loadBytes).toBe(tar.length);
    expect(seen.loadSha).toBe(createHash('sha256').update(tar).digest('hex'));
    expect(await request(proxy.path, agent, 'POST', '/v1.41/containers/x/wait')).toEqual({ status: 200, body: '{"StatusCode":42}\n' });
    expect((await request(proxy.path, agent, 'GET', '/v1.41/nope')).status).toBe(404);
    expect(seen.connections).toBe(1);

    // Stream bytes sent right behind the upgrade request, before the 101, are stream too, though they look like HTTP.
    const early = 'GET /not-a-request HTTP/1.1\r\nHost: docker\r\n\r\n';
    const payload = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const attached = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.createConnection(proxy.path);
      socket.write(`POST /v1.41/containers/x/attach?stream=1&stdout=1 HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n${early}`);
      let got = Buffer.alloc(0);
      socket.on('data', (c: Buffer) => {
        const before = got.length;
        got = Buffer.concat([got, c]);
        if (before < UPGRADE_HEAD.length && got.length >= UPGRADE_HEAD.length) socket.write(payload);
        if (got.length >= UPGRADE_HEAD.length + early.length + payload.length) socket.end();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(got));
    });
    expect(attached.subarray(0, UPGRADE_HEAD.length).toString()).toBe(UPGRADE_HEAD);
    expect(attached.subarray(UPGRADE_HEAD.length)).toEqual(Buffer.concat([Buffer.from(early), payload]));

    const exchanges = proxy.exchanges();
    expect(exchanges.map((e) => [e.seq, e.method, e.path, e.status])).toEqual([
      [1, 'HEAD', '/_ping', 200],
      [2, 'POST', '/v1.41/containers/create?name=x', 201],
      [3, 'GET', '/v1.41/containers/json', 200],
      [4, 'POST', '/v1.41/images/load', 200],
      [5, 'POST', '/v1.41/containers/x/wait', 200],
      [6, 'GET', '/v1.41/nope', 404],
      [7, 'POST', '/v1.41/containers/x/attach?stream=1&stdout=1', 101],
    ]);
    expect(exchanges.map((e) => [e.request, e.response])).toEqual([
      [undefined, 'Api-Version: 1.41'],
      ['{"Image":"container-lab/lab","Cmd":["/usr/bin/hello"],"Labels":{"container-lab":"t"},"HostConfig":{"NetworkMode":"none"}}', `{"Id":"${ID.slice(0, 12)}…"}`],
      [undefined, '2 containers: one, two'],
      ['(tar, 1.0 MB)', '{"stream":"Loaded image: container-lab/lab:latest"}'],
      [undefined, '{"StatusCode":42}'],
      [undefined, '{"message":"page not found"}'],
      [undefined, undefined],
    ]);
    expect(exchanges[1].statusText).toBe('Created');
    expect(exchanges[4].ms).toBeGreaterThanOrEqual(190);
    expect(exchanges[6]).toMatchObject({ statusText: 'UPGRADED', upgraded: true });
    expect(exchanges.filter((e) => e.upgraded)).toHaveLength(1);
    for (const e of exchanges) expect(e.t).toBeGreaterThan(Date.now() - 60_000);

    // The wait is recorded when its headers arrive, and again when its body ends.
    const lines = logLines(logFile);
    expect(lines.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 5, 6, 7]);
    expect(lines[4]).toMatchObject({ seq: 5, status: 200 });
    expect(lines[4].response).toBeUndefined();
    expect(lines[4].ms).toBeLessThan(150);
    expect(lines[5]).toEqual(exchanges[4]);
    expect(heard).toEqual(lines);

    await proxy.close();
    expect(existsSync(proxy.path)).toBe(false);
  });

  it('parses pipelined requests and responses that arrive a byte at a time, passing every byte unchanged', async () => {
    const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
    const withLength = (head: string, body: string) => `${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const requests = [
      'GET /v1.41/a HTTP/1.1\r\nHost: docker\r\n\r\n',
      'HEAD /_ping HTTP/1.1\r\nHost: docker\r\n\r\n',
      'POST /v1.41/containers/nope/attach?stream=1 HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n',
      `POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('{"Image":')}${chunk('"i","Tty":false}')}0\r\n\r\n`,
      'POST /v1.41/containers/x/start HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n\r\n',
      'GET /v1.41/version HTTP/1.1\r\nHost: docker\r\n\r\n',
    ].join('');
    const responses = [
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('{"a":1,')}${chunk('"b":[1,2]')}${chunk('}')}0\r\n\r\n`,
      'HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\n',
      withLength('HTTP/1.1 404 Not Found\r\nContent-Type: application/json', '{"message":"No such container: nope"}'),
      withLength('HTTP/1.1 201 Created\r\nContent-Type: application/json', `{"Id":"${ID}"}`),
      'HTTP/1.1 204 No Content\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"Version":"20.10.24","ApiVersion":"1.41","Os":"linux"}',
    ].join('');

    const upstream = join(dir, 'docker.sock');
    let received = '';
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      socket.on('data', async (c) => {
        received += c.toString('latin1');
        if (received.length < requests.length) return;
        for (const byte of Buffer.from(responses, 'latin1')) {
          socket.write(Buffer.from([byte]));
          await new Promise((resolve) => setImmediate(resolve));
        }
        socket.end();
      });
    });
    await listen(server, upstream);
    const proxy = await proxyTo(upstream);

    const got = await rawExchange(proxy.path, requests);
    expect(received).toBe(requests);
    expect(got.toString('latin1')).toBe(responses);
    await tick(20);

    expect(proxy.exchanges().map((e) => [e.method, e.path, e.status, e.request, e.response])).toEqual([
      ['GET', '/v1.41/a', 200, undefined, '{"a":1,"b":[1,2]}'],
      ['HEAD', '/_ping', 200, undefined, 'Api-Version: 1.41'],
      ['POST', '/v1.41/containers/nope/attach?stream=1', 404, undefined, '{"message":"No such container: nope"}'],
      ['POST', '/v1.41/containers/create', 201, '{"Image":"i"}', `{"Id":"${ID.slice(0, 12)}…"}`],
      ['POST', '/v1.41/containers/x/start', 204, undefined, undefined],
      ['GET', '/v1.41/version', 200, undefined, '{"Version":"20.10.24","ApiVersion":"1.41"}'],
    ]);
  });

  it('records an event stream at its headers and completes it with what came when the client leaves', async () => {
    const upstream = join(dir, 'docker.sock');
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"Type":"container","Action":"create"}\n');
    });
    await listen(server, upstream);
    const heard: HttpExchange[] = [];
    const proxy = await proxyTo(upstream, { onExchange: (e) => heard.push(e) });

    await new Promise<void>((resolve, reject) => {
      const req = http.request({ socketPath: proxy.path, method: 'GET', path: '/v1.41/events' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      req.end();
    });
    for (let i = 0; i < 50 && heard.length < 2; i += 1) await tick(10);

    expect(heard.map((e) => [e.seq, e.path, e.status, e.response])).toEqual([
      [1, '/v1.41/events', 200, undefined],
      [1, '/v1.41/events', 200, '1 event: container create'],
    ]);
  });

  it('records a request dockerd never answered, with no status, when its connection ends', async () => {
    const upstream = join(dir, 'docker.sock');
    const server = net.createServer((socket) => socket.once('data', () => socket.end()));
    await listen(server, upstream);
    const proxy = await proxyTo(upstream);
    const got = await rawExchange(proxy.path, 'POST /v1.41/containers/x/wait HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n\r\n');
    expect(got.length).toBe(0);
    await tick(20);
    expect(proxy.exchanges()).toEqual([expect.objectContaining({ seq: 1, method: 'POST', path: '/v1.41/containers/x/wait', status: null })]);
    expect(proxy.exchanges()[0].response).toBeUndefined();
  });

  it('survives a client that leaves mid-request, recording nothing for it', async () => {
    const upstream = join(dir, 'docker.sock');
    await fakeDockerd(upstream);
    const proxy = await proxyTo(upstream);

    await new Promise<void>((resolve) => {
      const socket = net.createConnection(proxy.path, () => {
        socket.write('POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"Ima', () => {
          socket.destroy();
          resolve();
        });
      });
    });
    await tick(50);
    const agent = new http.Agent({ keepAlive: false });
    expect((await request(proxy.path, agent, 'HEAD', '/_ping')).status).toBe(200);
    expect(proxy.exchanges().map((e) => [e.seq, e.method, e.status])).toEqual([[2, 'HEAD', 200]]);
  });

  it('closes the client when dockerd is not there, recording nothing', async () => {
    const logFile = join(dir, 'api.jsonl');
    const proxy = await proxyTo(join(dir, 'missing.sock'), { logFile });
    const got = await rawExchange(proxy.path, 'HEAD /_ping HTTP/1.1\r\nHost: docker\r\n\r\n');
    expect(got.length).toBe(0);
    await tick(20);
    expect(proxy.exchanges()).toEqual([]);
    expect(existsSync(logFile)).toBe(false);
  });

  it('replaces a stale socket file, refuses to replace anything else, and ends open connections on close', async () => {
    const upstream = join(dir, 'docker.sock');
    await fakeDockerd(upstream);
    const listenPath = join(dir, 'proxy.sock');
    // A socket file nobody listens on: bind elsewhere, move it, close the listener.
    const old = net.createServer();
    await new Promise<void>((resolve) => old.listen(join(dir, 'old.sock'), resolve));
    renameSync(join(dir, 'old.sock'), listenPath);
    await new Promise<void>((resolve) => old.close(() => resolve()));
    expect(lstatSync(listenPath).isSocket()).toBe(true);

    const proxy = await startApiProxy({ listen: listenPath, upstream });
    const agent = new http.Agent({ keepAlive: true });
    expect((await request(proxy.path, agent, 'HEAD', '/_ping')).status).toBe(200);
    const idle = [...Object.values(agent.freeSockets)].flat();
    expect(idle).toHaveLength(1);
    const closedByProxy = new Promise<void>((resolve) => idle[0]!.once('close', () => resolve()));
    await proxy.close();
    await closedByProxy;
    expect(existsSync(listenPath)).toBe(false);
    agent.destroy();

    writeFileSync(listenPath, 'not a socket');
    await expect(startApiProxy({ listen: listenPath, upstream })).rejects.toThrow(/not a socket/);
    expect(readFileSync(listenPath, 'utf8')).toBe('not a socket');
  });
});
