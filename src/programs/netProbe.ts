// The containers-on-a-network lesson's traffic: ping, a web server, a held connection, docker-proxy's
// loopback forwarder. Each first setns(2)s its main thread into a lab network namespace, so every
// socket it makes (ICMP, or TCP by libuv on this thread) lives there, never in the host's.
//   runs as:    root (the helper; the lesson needs root)
//   namespaces: the host's, except the network namespace: a lab container's or the lab bridge's,
//               entered with setns(2) before the first socket
//   started by: the helper: the net-* actions (src/actions/net*.ts, through startProbe() in
//               src/actions/containerNetState.ts), with ctx.sys.start (detached, stdin/stdout pipes)
//   ends when:  ping: after its echoes; the others when their stdin closes; SIGKILL when the helper
//               dies (PR_SET_PDEATHSIG); killed by PID when the session closes (the container-net
//               slot's teardown)
// Usage: node netProbe.js --container-lab-net <parent-pid> <netns-path> ping <addr> <count>
//                                                                  | serve <addr> <port> <name>
//                                                                  | connect <addr> <port>
//                                                                  | proxy <port> <to-addr> <to-port>
// Prints one JSON line (the result, and the syscall log) when it is done or ready.
import { createServer as createHttpServer } from 'node:http';
import { createServer, connect, type Socket } from 'node:net';
import { closeSync, openSync, readlinkSync } from 'node:fs';
import * as kernel from '../../native/kernel.js';
import { ping } from '../../native/icmp.js';
import { CLONE, SIGKILL } from '../../native/constants.js';
import { syscallLog } from '../../native/syscallLog.js';

/** The only addresses it talks to: loopback, and the lab's own subnet (which exists only in lab namespaces). */
const LAB_ADDRESS = /^(127\.0\.0\.1|10\.201\.\d{1,3}\.\d{1,3})$/;

function reply(value: object, code?: number): void {
  process.stdout.write(JSON.stringify({ ...value, log: syscallLog.drain() }) + '\n');
  if (code !== undefined) process.exit(code);
}

function port(text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) reply({ error: `not a port: ${text}` }, 2);
  return n;
}

function address(text: string | undefined): string {
  if (!LAB_ADDRESS.test(text ?? '')) reply({ error: `not a lab address: ${text}` }, 2);
  return text!;
}

function enter(netnsPath: string): void {
  const fd = openSync(netnsPath, 'r');
  syscallLog.record('open', [JSON.stringify(netnsPath), 'O_RDONLY'], fd);
  kernel.setns(fd, CLONE.NEWNET);
  closeSync(fd);
}

/** Lives until the helper closes our stdin. */
function holdUntilStdinCloses(): void {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

function serve(addr: string, listenPort: number, name: string): void {
  const netns = readlinkSync('/proc/thread-self/ns/net');
  const server = createHttpServer((req, res) => {
    res.setHeader('Content-Type', 'text/plain');
    res.end(`hello from ${name}, ${netns}\n`);
  });
  server.keepAliveTimeout = 0; // a connection the client keeps open stays open (and in conntrack)
  server.on('error', (error) => reply({ error: error.message }, 1));
  server.listen(listenPort, addr, () => {
    syscallLog.record('listen', [`{AF_INET, ${addr}:${listenPort}}`, `(${netns})`], 0);
    reply({ port: listenPort, netns });
  });
}

/** GET / over one kept-alive connection; answers with the body and both ends, then holds the connection. */
function getAndHold(addr: string, toPort: number): void {
  const socket = connect({ host: addr, port: toPort });
  let data = '';
  const timer = setTimeout(() => reply({ error: `no answer from ${addr}:${toPort} in 3 s` }, 1), 3000);
  socket.on('error', (error) => reply({ error: error.message }, 1));
  socket.on('connect', () => {
    syscallLog.record('connect', [`{AF_INET, ${addr}:${toPort}}`], 0);
    socket.write(`GET / HTTP/1.1\r\nHost: ${addr}:${toPort}\r\nConnection: keep-alive\r\n\r\n`);
  });
  socket.on('data', (chunk) => {
    data += chunk.toString('utf8');
    const [head, body = ''] = data.split('\r\n\r\n');
    const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
    if (!data.includes('\r\n\r\n') || !(body.length >= length)) return;
    clearTimeout(timer);
    reply({
      status: Number(/^HTTP\/1\.\d (\d+)/.exec(head)?.[1] ?? 0), body,
      local: `${socket.localAddress}:${socket.localPort}`, remote: `${socket.remoteAddress}:${socket.remotePort}`,
    });
  });
}

/** docker-proxy's part for loopback: listens on 127.0.0.1:<port> and opens a connection of its own to the container. */
function proxy(listenPort: number, toAddr: string, toPort: number): void {
  const server = createServer((client: Socket) => {
    const upstream = connect({ host: toAddr, port: toPort });
    const done = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('error', done);
      s.on('close', done);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.maxConnections = 32;
  server.on('error', (error) => reply({ error: error.message }, 1));
  server.listen(listenPort, '127.0.0.1', () => {
    syscallLog.record('listen', [`{AF_INET, 127.0.0.1:${listenPort}}`], 0);
    reply({ port: listenPort });
  });
}

function main(argv: string[]): void {
  const [, parentText, netnsPath, mode, ...args] = argv;
  // prctl(2): SIGKILL when the helper that started us dies, even by SIGKILL.
  kernel.setParentDeathSignal(SIGKILL, 'SIGKILL');
  if (kernel.getppid() !== Number(parentText)) process.exit(1);
  if (!netnsPath?.startsWith('/proc/')) reply({ error: 'usage: netProbe --container-lab-net <parent-pid> </proc/PID/ns/net> <mode> ...' }, 2);
  try {
    enter(netnsPath!);
  } catch (error) {
    reply({ error: error instanceof Error ? error.message : String(error) }, 1);
  }
  if (mode === 'ping') {
    const count = Math.min(10, Math.max(1, Number(args[1]) || 3));
    reply(ping(address(args[0]), count), 0);
    return;
  }
  holdUntilStdinCloses();
  if (mode === 'serve') serve(address(args[0]), port(args[1]), args[2] || 'a lab container');
  else if (mode === 'connect') getAndHold(address(args[0]), port(args[1]));
  else if (mode === 'proxy') proxy(port(args[0]), address(args[1]), port(args[2]));
  else reply({ error: `unknown mode ${mode}` }, 2);
}

main(process.argv.slice(2));
