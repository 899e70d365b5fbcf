// Checks for the REST lesson: the proxy's socket exists and listens (/proc/net/unix), the requests it logged.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { join } from 'node:path';
import type { HttpExchange } from '../types.js';
import type { Sys } from '../sys/types.js';
import { chainIfMade } from '../actions/chainState.js';
import { isSocket } from './chainChecks.js';

/** "POST /containers/*\/attach 101": method, path pattern without the /v1.xx prefix or query, optional status. */
export function matchesRequest(e: Pick<HttpExchange, 'method' | 'path' | 'status'>, pattern: string): boolean {
  const [method, pathPattern, status] = pattern.trim().split(/\s+/);
  if (e.method !== method) return false;
  if (status !== undefined && String(e.status) !== status) return false;
  const path = e.path.split('?')[0].replace(/^\/v\d+\.\d+(?=\/)/, '');
  const re = new RegExp('^' + pathPattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+') + '$');
  return re.test(path);
}

/** The exchanges of the proxy's log file (a later line for the same request supersedes the first). */
export function readApiLog(fs: Pick<Sys, 'readFile'>, file: string, fromLine = 0): HttpExchange[] {
  const bySeq = new Map<number, HttpExchange>();
  for (const line of fs.readFile(file).split('\n').filter((l) => l.trim()).slice(fromLine)) {
    const e = JSON.parse(line) as HttpExchange;
    bySeq.set(e.seq, e);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export const proxyListening = defineCheck({
  name: 'proxy-listening',
  params: z.strictObject({}),
  doc: 'The API proxy listens: <session>/api-proxy.sock is a socket (lstat(2), S_IFSOCK) and /proc/net/unix has '
    + 'a socket bound to that path with the __SO_ACCEPTCON flag (00010000), which listen(2) sets: a process '
    + 'accepts connections there.',
  reads: ['lstat(2) of <session>/api-proxy.sock', '/proc/net/unix Flags and Path'],
  run: (ctx) => {
    const path = join(ctx.session.dir, 'api-proxy.sock');
    if (!ctx.sys.exists(path)) return fail(`${path} does not exist`);
    if (!isSocket(ctx, path)) return fail(`${path} is not a socket`);
    // proc(5) /proc/net/unix: the last column is the bound path, state 01 = listening (SS_UNCONNECTED + __SO_ACCEPTCON flag 00010000)
    const listening = ctx.sys.readFile('/proc/net/unix').split('\n').some((l) => l.endsWith(' ' + path) && / 00010000 /.test(l));
    return listening ? pass(`${path} listens (/proc/net/unix)`) : fail(`no socket listens on ${path} in /proc/net/unix`);
  },
});

/** The patterns appear in the proxy's log, among this step's requests, in this order (others may come between). */
export const apiSaw = defineCheck({
  name: 'api-saw',
  params: z.strictObject({ requests: z.array(z.string().regex(/^[A-Z]+ \/\S*( \d{3})?$/)).min(1) }),
  doc: 'The requests the docker CLI sent through the API proxy during the step before hold these patterns in '
    + 'this order, others between allowed: each "METHOD /path [status]", the path without the /v1.xx prefix '
    + 'and the query, * for one path segment ("POST /containers/*/start 204"). It reads the proxy\'s log file '
    + 'from where it stood when that step began.',
  reads: ['<session>/api-log.jsonl (the proxy\'s log)'],
  run: (ctx, { requests }) => {
    const log = readApiLog(ctx.sys, join(ctx.session.dir, 'api-log.jsonl'), chainIfMade(ctx)?.apiLogMark ?? 0);
    let from = 0;
    const found: string[] = [];
    for (const pattern of requests) {
      const i = log.slice(from).findIndex((e) => matchesRequest(e, pattern));
      if (i < 0) return fail(`no ${pattern} after ${found.length ? found[found.length - 1] : 'the start'} in the proxy's log (${log.length} requests)`);
      const e = log[from + i];
      found.push(`${e.method} ${e.path.split('?')[0].replace(/[0-9a-f]{64}/g, (id) => id.slice(0, 12))} ${e.status}`);
      from += i + 1;
    }
    return pass(found.join(' · '));
  },
});
