// Checks for the REST lesson: the proxy's socket exists and listens (/proc/net/unix), the requests it logged.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { join } from 'node:path';
import type { HttpExchange } from '../types.js';
import type { Sys } from '../sys/types.js';
import { chainIfMade } from '../actions/chainState.js';
import { ask, dockerArgv, isSocket } from './chainChecks.js';

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

/** The proxy makes its log file with the first request it passes on. */
const NOTHING_LOGGED = 'the proxy has logged no request yet (no api-log.jsonl in the session directory)';

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
  params: z.strictObject({
    requests: z.array(z.string().regex(/^[A-Z]+ \/\S*( \d{3})?$/)).min(1),
    from: z.enum(['step', 'start']).optional(),
  }),
  doc: 'The requests the docker CLI sent through the API proxy during the step before hold these patterns in '
    + 'this order, others between allowed: each "METHOD /path [status]", the path without the /v1.xx prefix '
    + 'and the query, * for one path segment ("POST /containers/*/start 204"). It reads the proxy\'s log file '
    + 'from where it stood when that step began; with `from: start`, the whole log since the proxy started (for a '
    + 'task, whose requests the learner may send while later steps run: name requests no step sends).',
  reads: ['<session>/api-log.jsonl (the proxy\'s log)'],
  run: (ctx, { requests, from: since }) => {
    const file = join(ctx.session.dir, 'api-log.jsonl');
    if (!ctx.sys.exists(file)) return fail(NOTHING_LOGGED);
    const log = readApiLog(ctx.sys, file, since === 'start' ? 0 : chainIfMade(ctx)?.apiLogMark ?? 0);
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

/** The name a create request asked for: its ?name= query parameter. */
function createdName(path: string): string | null {
  const query = path.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get('name');
}

export const createdThroughApi = defineCheck({
  name: 'created-through-api',
  params: z.strictObject({ name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/) }),
  doc: 'A container was made by a create request through the API proxy and dockerd keeps it: the proxy\'s whole log '
    + 'has POST /containers/create?name=<name> answered 201, and `docker ps -a` on the lab\'s dockerd lists a '
    + 'container of that name carrying the label container-lab=<session>, the label by which the lab removes its '
    + 'containers when the lesson closes.',
  reads: ['<session>/api-log.jsonl (the proxy\'s log)', '`docker ps -a --filter name=…` (run by the check)'],
  run: (ctx, { name }) => {
    const file = join(ctx.session.dir, 'api-log.jsonl');
    if (!ctx.sys.exists(file)) return fail(NOTHING_LOGGED);
    const log = readApiLog(ctx.sys, file);
    const asked = log.filter((e) => matchesRequest(e, 'POST /containers/create') && createdName(e.path) === name);
    if (asked.length === 0) return fail(`the proxy's log (${log.length} requests) has no POST /containers/create?name=${name}`);
    const made = asked.find((e) => e.status === 201);
    if (!made) return fail(`POST /containers/create?name=${name} was answered ${asked.map((e) => e.status).join(', ')}, not 201`);
    const rows = ask(ctx, dockerArgv(ctx, ['ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.ID}}\t{{.State}}\t{{.Label "container-lab"}}']))
      .split('\n').filter(Boolean);
    if (rows.length === 0) return fail(`docker ps -a lists no container named ${name} (any more)`);
    const [id, state, label] = rows[0].split('\t');
    if (label !== ctx.session.id) {
      return fail(`${name} (${id}) has ${label ? `the label container-lab=${label}` : 'no container-lab label'}, not container-lab=${ctx.session.id}: the lab would not remove it`);
    }
    return pass(`POST /containers/create?name=${name} → 201 through the proxy; docker ps -a: ${name} ${id} ${state}, label container-lab=${label}`);
  },
});
