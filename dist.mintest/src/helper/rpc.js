// JSON-lines RPC over a pair of streams: one request or reply per line, for app↔helper↔builder.
import { createInterface } from 'node:readline';
import { LabError } from '../errors.js';
/** Sends an event line on a served stream (e.g. cgroup readings while a hog runs). */
export function eventSender(output) {
    return (event, data) => {
        output.write(JSON.stringify({ event, data }) + '\n');
    };
}
function toFailure(error, drainLog) {
    const log = [...(error?.log ?? []), ...(drainLog?.() ?? [])];
    const withLog = (f) => (log.length ? { ...f, log } : f);
    if (error instanceof LabError)
        return withLog({ message: error.message, hint: error.hint, code: error.code });
    if (error && typeof error === 'object' && 'code' in error && 'syscall' in error && error instanceof Error) {
        return withLog({ message: error.message, code: String(error.code) });
    }
    return withLog({ message: error instanceof Error ? error.message : String(error) });
}
/**
 * Serves requests one at a time, in order: kernel work must not interleave (a half-done
 * unshare sequence seen by a snapshot would show a state that never existed on purpose).
 * `immediate` names read-only methods answered at once, beside the queue: the panels' refresh
 * while a long step (daemons starting, an image loading) holds it.
 */
export function serve(handlers, input, output, onEnd, drainLog, immediate = new Set()) {
    const lines = createInterface({ input, crlfDelay: Infinity });
    // The peer may die mid-reply (EPIPE). That is not our crash: its end of our stdin closes too,
    // and onEnd tears down in order.
    output.on('error', () => { });
    let queue = Promise.resolve();
    lines.on('line', (line) => {
        if (!line.trim())
            return;
        let request;
        try {
            request = JSON.parse(line);
        }
        catch {
            queue = queue.then(() => void output.write(JSON.stringify({ id: -1, error: { message: 'malformed request line' } }) + '\n'));
            return;
        }
        const answer = async () => {
            const handler = handlers[request.method];
            let reply;
            if (!handler) {
                reply = { id: request.id, error: { message: `unknown method ${request.method}` } };
            }
            else {
                try {
                    reply = { id: request.id, result: (await handler(request.params ?? {})) ?? null };
                }
                catch (error) {
                    reply = { id: request.id, error: toFailure(error, drainLog) };
                }
            }
            output.write(JSON.stringify(reply) + '\n');
        };
        if (immediate.has(request.method))
            void answer();
        else
            queue = queue.then(answer);
    });
    lines.on('close', () => {
        void queue.then(onEnd);
    });
}
/** The calling side: sends requests, matches replies by id, fails everything pending if the peer goes. */
export class RpcClient {
    output;
    nextId = 1;
    pending = new Map();
    closedReason = null;
    /** called for each event line the other side sends */
    onEvent = null;
    constructor(output, input) {
        this.output = output;
        const lines = createInterface({ input, crlfDelay: Infinity });
        lines.on('line', (line) => this.onLine(line));
        lines.on('close', () => this.fail('the other side closed the connection'));
        output.on('error', () => this.fail('the other side closed the connection'));
    }
    call(method, params) {
        if (this.closedReason)
            return Promise.reject(new LabError(this.closedReason));
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve: resolve, reject, method });
            this.output.write(JSON.stringify({ id, method, params }) + '\n');
        });
    }
    /** Rejects every pending call, e.g. when the peer process exits. */
    fail(reason) {
        this.closedReason ??= reason;
        for (const [, p] of this.pending)
            p.reject(new LabError(`${p.method}: ${reason}`));
        this.pending.clear();
    }
    get closed() {
        return this.closedReason !== null;
    }
    onLine(line) {
        let reply;
        try {
            reply = JSON.parse(line);
        }
        catch {
            return; // not ours: a stray line on the peer's stdout
        }
        const event = reply;
        if (typeof event.event === 'string') {
            this.onEvent?.(event.event, event.data);
            return;
        }
        const p = this.pending.get(reply.id);
        if (!p)
            return;
        this.pending.delete(reply.id);
        if (reply.error)
            p.reject(new LabError(reply.error.message, reply.error.hint, reply.error.code, reply.error.log));
        else
            p.resolve(reply.result);
    }
}
