// REST lesson: a logging proxy on a socket of the lab's, in front of dockerd's: every request of the docker CLI shows.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { join } from 'node:path';
import { chain } from './chainState.js';
import { requireDaemons } from './chainUtil.js';
import { startApiProxy } from '../chain/apiProxy.js';
import { quote } from '../../native/syscallLog.js';
/** The panel keeps this many exchanges; the log file keeps them all. */
const KEEP = 60;
function upsert(list, e) {
    const i = list.findIndex((x) => x.seq === e.seq);
    if (i >= 0)
        list[i] = e;
    else
        list.push(e);
    list.sort((a, b) => a.seq - b.seq);
    if (list.length > KEEP)
        list.splice(0, list.length - KEEP);
}
export const apiProxy = defineAction({
    name: 'api-proxy',
    params: z.strictObject({}),
    doc: 'The helper listens on a Unix socket of its own, <session>/api-proxy.sock, and relays every connection to '
        + 'the lab\'s docker.sock, reading the HTTP that passes: each request and its answer\'s status (a 101 '
        + 'upgrade included) go to <session>/api-log.jsonl and to the API panel. Later docker steps with `via: proxy` point the CLI '
        + 'at this socket, so the learner sees each REST call the CLI makes. The proxy lives in the helper and closes '
        + 'with the lesson.',
    host: {
        effect: 'listens on <session>/api-proxy.sock and relays each connection to the lab\'s docker socket',
        untrusted: 'allowed',
    },
    performs: [syscall('socket', 'AF_UNIX unix(7)')],
    needs: ['docker daemon'],
    provides: ['API proxy'],
    run: async (ctx) => {
        const d = requireDaemons(ctx, { docker: true });
        const c = chain(ctx);
        if (c.proxy)
            return outcome([], [`the proxy already listens on ${c.proxy.path}`]);
        const path = join(ctx.session.dir, 'api-proxy.sock');
        const logFile = join(ctx.session.dir, 'api-log.jsonl');
        const started = performance.now();
        const proxy = await startApiProxy({
            listen: path,
            upstream: d.layout.dockerSocket,
            logFile,
            onExchange: (e) => upsert((c.view.http ??= []), { ...e }),
        });
        ctx.sys.record('listen', [`{sa_family=AF_UNIX, sun_path=${quote(path)}}`], 0, undefined, performance.now() - started);
        c.proxy = { path, logFile, close: () => proxy.close() };
        c.view.http = [];
        return outcome(ctx.sys.drain(), [
            `proxy: ${path}`,
            `  → dockerd: ${d.layout.dockerSocket}`,
            `every exchange is also written to ${logFile}`,
        ]);
    },
});
