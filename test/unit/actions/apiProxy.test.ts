// api-proxy: a listening socket in the session dir in front of dockerd's; its exchanges reach the panel; it closes with the chain.
import { describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { apiProxy } from '../../../src/actions/apiProxy.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';

function get(socketPath: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject).end();
  });
}

describe('api-proxy', () => {
  it('listens on <session>/api-proxy.sock, relays to docker.sock, shows each exchange, and goes at the close', async () => {
    const { ctx, d } = chainLab();
    const dockerd = createServer((_req, res) => res.end('OK')).listen(d.layout.dockerSocket);
    try {
      const result = await apiProxy.run(ctx, {});
      const path = join(ctx.session.dir, 'api-proxy.sock');
      expect(statSync(path).isSocket()).toBe(true);
      expect(result.log.map((e) => [e.call, e.args[0]])).toEqual([['listen', `{sa_family=AF_UNIX, sun_path=${JSON.stringify(path)}}`]]);
      expect(result.output[1]).toBe(`  → dockerd: ${d.layout.dockerSocket}`);
      expect(await get(path, '/_ping')).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      expect(chain(ctx).view.http?.map((e) => [e.method, e.path, e.status])).toEqual([['GET', '/_ping', 200]]);
      expect((await apiProxy.run(ctx, {})).output).toEqual([`the proxy already listens on ${path}`]);
      await ctx.slots.teardownAll();
      expect(existsSync(path)).toBe(false);
    } finally {
      dockerd.close();
    }
  });

  it('needs dockerd', async () => {
    const { ctx } = chainLab({ dockerd: false });
    await expect(apiProxy.run(ctx, {})).rejects.toThrow(/dockerd is not running/);
  });
});
