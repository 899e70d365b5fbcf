// JSON-lines RPC over a pair of streams: one request or reply per line, for app↔helper↔builder.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { SyscallEntry } from '../types.js';
import { LabError } from '../errors.js';

export interface RpcRequest { id: number; method: string; params?: unknown }
export interface RpcFailure { message: string; hint?: string; code?: string; log?: SyscallEntry[] }
export interface RpcReply { id: number; result?: unknown; error?: RpcFailure }
/** A line the serving side sends on its own, between replies: progress while a request runs. */
export interface RpcEvent { event: string; data: unknown }

/** Sends an event line on a served stream (e.g. cgroup readings while a hog runs). */
export function eventSender(output: Writable): (event: string, data: unknown) => void {
  return (event, data) => {
    output.write(JSON.stringify({ event, data }) + '\n');
  };
}

export type Handler = (params: any) => unknown | Promise<unknown>;

function toFailure(error: unknown, drainLog?: () => SyscallEntry[]): RpcFailure {
  const log = [...((error as { log?: SyscallEntry[] })?.log ?? []), ...(drainLog?.() ?? [])];
  const withLog = (f: RpcFailure): RpcFailure => (log.length ? { ...f, log } : f);
  if (error instanceof LabError) return withLog({ message: error.message, hint: error.hint, code: error.code });
  if (error && typeof error === 'object' && 'code' in error && 'syscall' in error && error instanceof Error) {
    return withLog({ message: error.message, code: String((error as { code: unknown }).code) });
  }
  return withLog({ message: error instanceof Error ? error.message : String(error) });
}

/**
 * Serves requests one at a time, in order: kernel work must not interleave (a half-done
 * unshare sequence seen by a snapshot would show a state that never existed on purpose).
 * `immediate` names read-only methods answered at once, beside the queue: the panels' refresh
 * while a long step (daemons starting, an image loading) holds it.
 */
export function serve(handlers: Record<string, Handler>, input: Readable, output: Writable, onEnd: () => void, drainLog?: () => SyscallEntry[], immediate: ReadonlySet<string> = new Set()): void {
  const lines = createInterface({ input, crlfDelay: Infinity });
  // The peer may die mid-reply (EPIPE). That is not our crash: its end of our stdin closes too,
  // and onEnd tears down in order.
  output.on('error', () => {});
  let queue: Promise<void> = Promise.resolve();
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let request: RpcRequest;
    try {
      request = JSON.parse(line) as RpcRequest;
    } catch {
      queue = queue.then(() => void output.write(JSON.stringify({ id: -1, error: { message: 'malformed request line' } }) + '\n'));
      return;
    }
    const answer = async () => {
      const handler = handlers[request.method];
      let reply: RpcReply;
      if (!handler) {
        reply = { id: request.id, error: { message: `unknown method ${request.method}` } };
      } else {
        try {
          reply = { id: request.id, result: (await handler(request.params ?? {})) ?? null };
        } catch (error) {
          reply = { id: request.id, error: toFailure(error, drainLog) };
        }
      }
      output.write(JSON.stringify(reply) + '\n');
    };
    if (immediate.has(request.method)) void answer();
    else queue = queue.then(answer);
  });
  lines.on('close', () => {
    void queue.then(onEnd);
  });
}

/** The calling side: sends requests, matches replies by id, fails everything pending if the peer goes. */
export class RpcClient {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private closedReason: string | null = null;
  /** called for each event line the other side sends */
  onEvent: ((event: string, data: unknown) => void) | null = null;

  constructor(private readonly output: Writable, input: Readable) {
    const lines = createInterface({ input, crlfDelay: Infinity });
    lines.on('line', (line) => this.onLine(line));
    lines.on('close', () => this.fail('the other side closed the connection'));
    output.on('error', () => this.fail('the other side closed the connection'));
  }

  call<T = unknown>(method: string, params?: unknown): Promise<T> {
    if (this.closedReason) return Promise.reject(new LabError(this.closedReason));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.output.write(JSON.stringify({ id, method, params }) + '\n');
    });
  }

  /** Rejects every pending call, e.g. when the peer process exits. */
  fail(reason: string): void {
    this.closedReason ??= reason;
    for (const [, p] of this.pending) p.reject(new LabError(`${p.method}: ${reason}`));
    this.pending.clear();
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  private onLine(line: string): void {
    let reply: RpcReply;
    try {
      reply = JSON.parse(line) as RpcReply;
    } catch {
      return; // not ours: a stray line on the peer's stdout
    }
    const event = reply as unknown as RpcEvent;
    if (typeof event.event === 'string') {
      this.onEvent?.(event.event, event.data);
      return;
    }
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.error) p.reject(new LabError(reply.error.message, reply.error.hint, reply.error.code, reply.error.log));
    else p.resolve(reply.result);
  }
}
