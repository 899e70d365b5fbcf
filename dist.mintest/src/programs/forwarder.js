// docker-proxy's part: listens on a host loopback port, and connects to the container from inside
// the lab's network namespace. The listening socket is created first, in the host's network
// namespace; then the main thread setns(2)s into the lab's, so every socket made afterwards (one
// per accepted connection, created by libuv on this thread) lives there.
//   runs as:    root (the helper; the docker-run lesson needs root)
//   namespaces: the host's while it starts listening, then the lab network namespace (the
//               bridge process's, /proc/<pid>/ns/net)
//   started by: the helper: the publish-port action (src/actions/publishPort.ts), through
//               ctx.sys.start (detached, stdin/stdout pipes)
//   ends when:  its stdin closes; SIGKILL when the helper dies (PR_SET_PDEATHSIG); killed by PID
//               when the session closes (the docker-run slot's teardown, stopDockerRun() in
//               src/actions/dockerRunState.ts; back and reset rebuild the session)
// Usage: node forwarder.js --container-lab-forwarder <parent-pid> <netns-path> <target-ip> <target-port>
// Prints one JSON line {port, log} once it listens.
import { createServer, connect } from 'node:net';
import { closeSync, openSync } from 'node:fs';
import * as kernel from '../../native/kernel.js';
import { CLONE, SIGKILL } from '../../native/constants.js';
import { syscallLog } from '../../native/syscallLog.js';
const MAX_CONNECTIONS = 32;
const IDLE_MS = 30_000;
function main(argv) {
    const [, parentText, netnsPath, targetIp, targetPortText] = argv;
    const targetPort = Number(targetPortText);
    if (!netnsPath || !/^10\.200\.\d{1,3}\.\d{1,3}$/.test(targetIp ?? '') || !Number.isInteger(targetPort)) {
        process.stderr.write('container-lab forwarder: usage: forwarder --container-lab-forwarder <parent-pid> <netns> <10.200.x.y> <port>\n');
        process.exit(2);
    }
    // prctl(2): SIGKILL when the helper that started us dies, even by SIGKILL.
    kernel.setParentDeathSignal(SIGKILL, 'SIGKILL');
    if (kernel.getppid() !== Number(parentText))
        process.exit(1);
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('error', () => process.exit(0));
    process.stdin.resume();
    const server = createServer((client) => {
        const upstream = connect({ host: targetIp, port: targetPort });
        const done = () => {
            client.destroy();
            upstream.destroy();
        };
        for (const s of [client, upstream]) {
            s.setTimeout(IDLE_MS, done);
            s.on('error', done);
            s.on('close', done);
        }
        client.pipe(upstream);
        upstream.pipe(client);
    });
    server.maxConnections = MAX_CONNECTIONS;
    server.on('error', (error) => {
        process.stdout.write(JSON.stringify({ error: error.message, log: syscallLog.drain() }) + '\n');
        process.exit(1);
    });
    server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        syscallLog.record('listen', [`{AF_INET, 127.0.0.1:${port}}`, '(host netns)'], 0);
        try {
            const fd = openSync(netnsPath, 'r');
            syscallLog.record('open', [JSON.stringify(netnsPath), 'O_RDONLY'], fd);
            kernel.setns(fd, CLONE.NEWNET);
            closeSync(fd);
        }
        catch (error) {
            process.stdout.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error), log: syscallLog.drain() }) + '\n');
            process.exit(1);
        }
        process.stdout.write(JSON.stringify({ port, log: syscallLog.drain() }) + '\n');
    });
}
main(process.argv.slice(2));
