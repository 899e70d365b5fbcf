// What the chain lessons have made so far: the private daemons, the API proxy, the view the panels show.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineSlot } from '../steps/slots.js';
/**
 * Everything the chain steps made goes, the daemons last. The lab's private daemons are ended
 * with all they run by cleanupDaemons(), found by the session dir: removing each container
 * through dockerd first would only wait on the daemons (on a containerd the lesson stopped, for
 * seconds). The host's Docker keeps running, so there each step's own cleanup runs.
 */
async function stopChain(c) {
    if (c.daemons?.stopEndsEverything)
        c.cleanups = [];
    for (const cleanup of c.cleanups.reverse()) {
        try {
            await cleanup();
        }
        catch {
            // the daemons' cleanup below ends what is left
        }
    }
    c.cleanups = [];
    await c.proxy?.close().catch(() => { });
    c.proxy = undefined;
    if (c.daemons)
        await c.daemons.stop();
    c.daemons = undefined;
}
/** The chain lessons' state: made by their first step, torn down when the lesson closes. */
export const chainSlot = defineSlot({
    name: 'chain',
    create: () => ({ pids: [], focusPid: null, view: {}, cleanups: [] }),
    teardown: stopChain,
});
/**
 * The container the panels follow (its namespaces, its mount table), and where `s` and
 * `container-lab shell` open a shell: like `docker exec -it <id> sh`, nsenter into its PID.
 */
export function setFocus(ctx, pid) {
    chain(ctx).focusPid = pid;
    const file = join(ctx.session.dir, 'init.pid');
    if (pid)
        writeFileSync(file, `${pid}\n`);
    else
        rmSync(file, { force: true });
}
/** Marks where the proxy's log stands before a step sends its requests through the proxy. */
export function markApiLog(ctx) {
    const c = chain(ctx);
    if (!c.proxy)
        return;
    try {
        c.apiLogMark = readFileSync(c.proxy.logFile, 'utf8').split('\n').filter(Boolean).length;
    }
    catch {
        c.apiLogMark = 0;
    }
}
/** The chain state, made on first use. */
export function chain(ctx) {
    return ctx.slots.use(chainSlot);
}
/** The chain state if a chain step has made it (checks, snapshots and the panel read it without making it). */
export function chainIfMade(ctx) {
    return ctx.slots.get(chainSlot);
}
/** What the snapshot follows for the process and namespace panels, once a chain step has run. */
export function chainPids(ctx) {
    const c = chainIfMade(ctx);
    if (!c)
        return undefined;
    return { dir: c.daemons?.layout.dir ?? ctx.session.dir, pids: c.pids, focusPid: c.focusPid };
}
