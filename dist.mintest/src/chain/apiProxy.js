// A logging proxy between the docker CLI and dockerd's unix socket: pipes bytes unchanged and records each HTTP exchange.
import net from 'node:net';
import { appendFileSync, chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { isStreamingEndpoint, summarizeRequest, summarizeResponse } from './apiSummary.js';
/** At most this much of each body is kept for its summary; the rest only passes through. */
const BODY_LIMIT = 64 * 1024;
const HEAD_LIMIT = 64 * 1024;
const LINE_LIMIT = 4096;
const EMPTY = Buffer.alloc(0);
export async function startApiProxy(options) {
    const recorded = new Map();
    const connections = new Set();
    let seq = 0;
    const record = (ex) => {
        recorded.set(ex.seq, ex);
        const copy = { ...ex };
        if (options.logFile) {
            try {
                appendFileSync(options.logFile, `${JSON.stringify(copy)}\n`, { mode: 0o600 });
            }
            catch { /* the log is a convenience; the proxy keeps working */ }
        }
        try {
            options.onExchange?.(copy);
        }
        catch { /* a listener's error is not the connection's */ }
    };
    const server = net.createServer({ allowHalfOpen: true }, (client) => {
        const upstream = net.createConnection({ path: options.upstream, allowHalfOpen: true });
        connections.add(client);
        connections.add(upstream);
        new ProxiedConnection(client, upstream, () => ++seq, record, () => {
            connections.delete(client);
            connections.delete(upstream);
        });
    });
    removeStaleSocket(options.listen);
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.listen, () => {
            server.off('error', reject);
            resolve();
        });
    });
    server.on('error', () => { });
    try {
        chmodSync(options.listen, 0o600);
    }
    catch (err) {
        await new Promise((resolve) => server.close(() => resolve()));
        throw err;
    }
    let closing = null;
    return {
        path: options.listen,
        exchanges: () => [...recorded.values()].sort((a, b) => a.seq - b.seq).map((ex) => ({ ...ex })),
        close: () => {
            closing ??= new Promise((resolve) => {
                server.close(() => {
                    try {
                        unlinkSync(options.listen);
                    }
                    catch { /* already gone */ }
                    resolve();
                });
                for (const socket of connections)
                    socket.destroy();
            });
            return closing;
        },
    };
}
function removeStaleSocket(path) {
    try {
        if (!lstatSync(path).isSocket())
            throw new Error(`${path} exists and is not a socket`);
        unlinkSync(path);
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            throw err;
    }
}
/** One client connection and its own upstream connection; both directions parsed as they pass. */
class ProxiedConnection {
    client;
    upstream;
    nextSeq;
    record;
    onClosed;
    /** requests whose response has not started, oldest first: HTTP/1.1 answers in order */
    waiting = [];
    sending = null;
    receiving = null;
    upstreamConnected = false;
    finished = false;
    requests;
    responses;
    constructor(client, upstream, nextSeq, record, onClosed) {
        this.client = client;
        this.upstream = upstream;
        this.nextSeq = nextSeq;
        this.record = record;
        this.onClosed = onClosed;
        this.requests = new HttpMessageParser({
            head: (head, startedAt) => this.requestHead(head, startedAt),
            body: (chunk) => this.sending?.requestBody.add(chunk),
            end: () => this.requestEnd(),
        });
        this.responses = new HttpMessageParser({
            head: (head) => this.responseHead(head),
            body: (chunk) => this.receiving?.responseBody?.add(chunk),
            end: () => this.responseEnd(),
        });
        upstream.on('connect', () => { this.upstreamConnected = true; });
        client.on('data', (chunk) => this.parse(this.requests, chunk));
        upstream.on('data', (chunk) => this.parse(this.responses, chunk));
        client.pipe(upstream);
        upstream.pipe(client);
        client.on('error', () => { });
        upstream.on('error', () => { });
        client.on('end', () => this.abandonPartialRequest());
        client.on('close', () => this.closed('client'));
        upstream.on('close', () => this.closed('upstream'));
    }
    parse(parser, chunk) {
        try {
            parser.feed(chunk);
        }
        catch {
            this.requests.stop();
            this.responses.stop();
        }
    }
    requestHead(head, startedAt) {
        const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(head.startLine);
        if (!m)
            return { kind: 'raw' };
        const connection = head.headers.get('connection') ?? '';
        const tracked = {
            ex: { seq: this.nextSeq(), t: startedAt, method: m[1], path: m[2], status: null },
            requestType: head.headers.get('content-type'),
            requestBody: new BodyCapture(false),
            requestDone: false,
            upgrade: /\bupgrade\b/i.test(connection) && head.headers.has('upgrade'),
        };
        this.waiting.push(tracked);
        this.sending = tracked;
        return requestBodyPlan(head.headers);
    }
    requestEnd() {
        const tracked = this.sending;
        this.sending = null;
        if (!tracked)
            return;
        tracked.requestDone = true;
        const { method, path } = tracked.ex;
        const request = summarizeRequest(method, path, tracked.requestType, tracked.requestBody.bytes(), { totalBytes: tracked.requestBody.total });
        if (request !== undefined)
            tracked.ex.request = request;
        // What follows an upgrade request is raw stream if the answer is 101, HTTP otherwise.
        if (tracked.upgrade && tracked.ex.status === null)
            this.requests.hold();
    }
    responseHead(head) {
        const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(head.startLine);
        if (!m) {
            this.requests.stop();
            return { kind: 'raw' };
        }
        const status = Number(m[1]);
        if (status >= 100 && status < 200 && status !== 101)
            return { kind: 'none' };
        const tracked = this.waiting.shift();
        if (!tracked)
            return responseBodyPlan(null, status, head.headers);
        const ex = tracked.ex;
        ex.status = status;
        if (m[2])
            ex.statusText = m[2];
        if (status === 101) {
            ex.upgraded = true;
            ex.ms = Date.now() - ex.t;
            this.record(ex);
            this.requests.stop();
            return { kind: 'raw' };
        }
        this.receiving = tracked;
        tracked.responseType = head.headers.get('content-type');
        tracked.apiVersion = head.headers.get('api-version');
        const plan = responseBodyPlan(ex.method, status, head.headers);
        const streaming = (plan.kind === 'chunked' || plan.kind === 'close') && isStreamingEndpoint(ex.method, ex.path);
        tracked.responseBody = new BodyCapture(streaming);
        if (streaming) {
            ex.ms = Date.now() - ex.t;
            this.record(ex);
        }
        // A body that runs to the connection's end leaves nothing after it to parse as HTTP.
        if (plan.kind === 'close')
            this.requests.stop();
        else if (tracked.upgrade)
            this.requests.resume();
        return plan;
    }
    responseEnd() {
        const tracked = this.receiving;
        this.receiving = null;
        if (tracked)
            this.complete(tracked);
    }
    complete(tracked) {
        const ex = tracked.ex;
        const body = tracked.responseBody;
        if (ex.status !== null) {
            const response = summarizeResponse(ex.method, ex.path, ex.status, tracked.responseType, body?.bytes() ?? null, {
                totalBytes: body?.total,
                apiVersion: tracked.apiVersion,
            });
            if (response !== undefined)
                ex.response = response;
        }
        ex.ms = Date.now() - ex.t;
        this.record(ex);
    }
    /** A request the client left halfway is no exchange: dockerd can only answer the fragment. */
    abandonPartialRequest() {
        const abandoned = this.sending;
        if (!abandoned)
            return;
        this.waiting = this.waiting.filter((t) => t !== abandoned);
        this.sending = null;
        this.requests.stop();
    }
    closed(side) {
        if (side === 'client') {
            this.abandonPartialRequest();
            endGently(this.upstream);
        }
        else {
            // What the client sends from now on reaches no dockerd: it is no exchange.
            this.requests.stop();
            endGently(this.client);
        }
        if (this.finished || !this.client.destroyed || !this.upstream.destroyed)
            return;
        this.finished = true;
        this.onClosed();
        this.responses.finish();
        if (this.receiving)
            this.responseEnd();
        // Complete requests that reached dockerd but got no answer before the connection ended.
        for (const tracked of this.waiting) {
            if (tracked.requestDone && this.upstreamConnected)
                this.complete(tracked);
        }
        this.waiting = [];
        this.requests.stop();
        this.responses.stop();
    }
}
/** Ends our side and lets the peer end its own, so that it reads everything (a unix socket closed unread resets its peer). */
function endGently(socket) {
    if (socket.destroyed)
        return;
    socket.resume();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), 2000);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
}
function requestBodyPlan(headers) {
    if (/\bchunked\s*$/i.test(headers.get('transfer-encoding') ?? ''))
        return { kind: 'chunked' };
    return lengthPlan(headers.get('content-length'), { kind: 'none' });
}
function responseBodyPlan(method, status, headers) {
    if (method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200))
        return { kind: 'none' };
    if (/\bchunked\s*$/i.test(headers.get('transfer-encoding') ?? ''))
        return { kind: 'chunked' };
    return lengthPlan(headers.get('content-length'), { kind: 'close' });
}
function lengthPlan(contentLength, otherwise) {
    if (contentLength === undefined)
        return otherwise;
    const bytes = /^\d+$/.test(contentLength.trim()) ? Number(contentLength) : NaN;
    if (!Number.isSafeInteger(bytes))
        return { kind: 'raw' };
    return bytes === 0 ? { kind: 'none' } : { kind: 'length', bytes };
}
/** The first (or, for streams, the last) BODY_LIMIT bytes of a body, and its full size. */
class BodyCapture {
    keepTail;
    chunks = [];
    kept = 0;
    total = 0;
    constructor(keepTail) {
        this.keepTail = keepTail;
    }
    add(chunk) {
        this.total += chunk.length;
        if (!this.keepTail) {
            if (this.kept >= BODY_LIMIT)
                return;
            const part = Buffer.from(chunk.subarray(0, BODY_LIMIT - this.kept));
            this.chunks.push(part);
            this.kept += part.length;
            return;
        }
        this.chunks.push(Buffer.from(chunk));
        this.kept += chunk.length;
        while (this.kept > BODY_LIMIT) {
            const excess = this.kept - BODY_LIMIT;
            const first = this.chunks[0];
            if (first.length <= excess) {
                this.chunks.shift();
                this.kept -= first.length;
            }
            else {
                this.chunks[0] = first.subarray(excess);
                this.kept -= excess;
            }
        }
    }
    bytes() {
        return this.total === 0 ? null : Buffer.concat(this.chunks);
    }
}
/** Splits one direction of an HTTP/1.1 connection into messages as bytes arrive; keeps no more than a head or a line. */
class HttpMessageParser {
    hooks;
    state = 'head';
    pending = EMPTY;
    startedAt = 0;
    remaining = 0;
    held = [];
    heldBytes = 0;
    constructor(hooks) {
        this.hooks = hooks;
    }
    feed(data) {
        let buf = data;
        while (buf.length > 0) {
            switch (this.state) {
                case 'raw':
                    return;
                case 'hold':
                    this.holdBytes(buf);
                    return;
                case 'close':
                    this.hooks.body(buf);
                    return;
                case 'head':
                    buf = this.readHead(buf);
                    break;
                case 'length':
                case 'chunkData': {
                    const n = Math.min(this.remaining, buf.length);
                    this.hooks.body(buf.subarray(0, n));
                    this.remaining -= n;
                    buf = buf.subarray(n);
                    if (this.remaining > 0)
                        break;
                    if (this.state === 'length')
                        this.endMessage();
                    else {
                        this.state = 'chunkDataEnd';
                        this.remaining = 2;
                    }
                    break;
                }
                case 'chunkDataEnd': {
                    const n = Math.min(this.remaining, buf.length);
                    this.remaining -= n;
                    buf = buf.subarray(n);
                    if (this.remaining === 0)
                        this.state = 'chunkSize';
                    break;
                }
                case 'chunkSize':
                case 'trailers': {
                    const read = this.readLine(buf);
                    if (!read)
                        return;
                    buf = read.rest;
                    if (this.state === 'trailers') {
                        if (read.line === '')
                            this.endMessage();
                        break;
                    }
                    const sizeText = read.line.split(';')[0].trim();
                    const size = /^[0-9a-fA-F]+$/.test(sizeText) ? parseInt(sizeText, 16) : NaN;
                    if (!Number.isSafeInteger(size))
                        this.stop();
                    else if (size === 0)
                        this.state = 'trailers';
                    else {
                        this.state = 'chunkData';
                        this.remaining = size;
                    }
                    break;
                }
            }
        }
    }
    /** The connection ended: a body that runs until then is complete. */
    finish() {
        if (this.state === 'close')
            this.endMessage();
    }
    /** Keep what arrives aside until resume() (parse it) or stop() (drop it). */
    hold() {
        this.state = 'hold';
    }
    resume() {
        if (this.state !== 'hold')
            return;
        this.state = 'head';
        const held = Buffer.concat(this.held);
        this.held = [];
        this.heldBytes = 0;
        this.feed(held);
    }
    stop() {
        this.state = 'raw';
        this.pending = EMPTY;
        this.held = [];
        this.heldBytes = 0;
    }
    holdBytes(buf) {
        this.heldBytes += buf.length;
        if (this.heldBytes > HEAD_LIMIT)
            this.stop();
        else
            this.held.push(Buffer.from(buf));
    }
    readHead(input) {
        let buf = input;
        if (this.pending.length === 0) {
            let skip = 0;
            while (skip < buf.length && (buf[skip] === 0x0d || buf[skip] === 0x0a))
                skip += 1;
            buf = buf.subarray(skip);
            if (buf.length === 0)
                return EMPTY;
            this.startedAt = Date.now();
        }
        const searchFrom = Math.max(0, this.pending.length - 3);
        const all = this.pending.length > 0 ? Buffer.concat([this.pending, buf]) : buf;
        const end = all.indexOf('\r\n\r\n', searchFrom);
        if (end < 0) {
            this.pending = Buffer.from(all);
            if (this.pending.length > HEAD_LIMIT)
                this.stop();
            return EMPTY;
        }
        this.pending = EMPTY;
        const [startLine, ...lines] = all.subarray(0, end).toString('latin1').split('\r\n');
        const headers = new Map();
        for (const line of lines) {
            const colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const name = line.slice(0, colon).trim().toLowerCase();
            const value = line.slice(colon + 1).trim();
            const before = headers.get(name);
            headers.set(name, before === undefined ? value : `${before}, ${value}`);
        }
        const plan = this.hooks.head({ startLine, headers }, this.startedAt);
        const rest = all.subarray(end + 4);
        switch (plan.kind) {
            case 'none':
                this.endMessage();
                break;
            case 'length':
                this.state = 'length';
                this.remaining = plan.bytes;
                break;
            case 'chunked':
                this.state = 'chunkSize';
                break;
            case 'close':
                this.state = 'close';
                break;
            case 'raw':
                this.stop();
                break;
        }
        return rest;
    }
    readLine(buf) {
        const newline = buf.indexOf(0x0a);
        if (newline < 0) {
            this.pending = Buffer.concat([this.pending, buf]);
            if (this.pending.length > LINE_LIMIT)
                this.stop();
            return null;
        }
        const line = Buffer.concat([this.pending, buf.subarray(0, newline)]).toString('latin1').replace(/\r$/, '');
        this.pending = EMPTY;
        return { line, rest: buf.subarray(newline + 1) };
    }
    endMessage() {
        this.state = 'head';
        this.hooks.end();
    }
}
