// Where a lab's private containerd and dockerd keep everything, and the exact command lines that start them.
import { join } from 'node:path';
export function daemonLayout(dir, sessionId) {
    return {
        dir,
        containerdConfig: join(dir, 'containerd.toml'),
        containerdSocket: join(dir, 'containerd.sock'),
        containerdRoot: join(dir, 'containerd', 'root'),
        containerdState: join(dir, 'containerd', 'state'),
        containerdLog: join(dir, 'containerd.log'),
        containerdPidFile: join(dir, 'containerd.pid'),
        dockerConfig: join(dir, 'daemon.json'),
        dockerSocket: join(dir, 'docker.sock'),
        dockerDataRoot: join(dir, 'docker', 'data'),
        dockerExecRoot: join(dir, 'docker', 'exec'),
        dockerPidFile: join(dir, 'dockerd.pid'),
        dockerLog: join(dir, 'dockerd.log'),
        dockerKey: join(dir, 'docker', 'key.json'),
        cgroupParent: `container-lab-${sessionId}-docker`,
    };
}
/**
 * containerd's config (config.toml version 2): its own root, state and sockets; the CRI plugin
 * off (no Kubernetes here, and it would look for CNI); the "opt" plugin, which defaults to
 * /opt/containerd, moved inside the lab directory; no debug or metrics listener.
 */
export function containerdConfig(l) {
    const q = (s) => JSON.stringify(s);
    return [
        'version = 2',
        `root = ${q(l.containerdRoot)}`,
        `state = ${q(l.containerdState)}`,
        'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
        '',
        '[grpc]',
        `  address = ${q(l.containerdSocket)}`,
        '[ttrpc]',
        `  address = ${q(l.containerdSocket + '.ttrpc')}`,
        '[debug]',
        '  address = ""',
        '[metrics]',
        '  address = ""',
        '[plugins."io.containerd.internal.v1.opt"]',
        `  path = ${q(join(l.dir, 'containerd', 'opt'))}`,
        '',
    ].join('\n');
}
export function containerdArgs(l) {
    return ['--config', l.containerdConfig];
}
/**
 * dockerd, private: its own socket, data and exec roots, pid file and (empty) daemon.json, on
 * the lab's containerd. No network set-up on the host: no docker0 (--bridge=none), no iptables
 * rules, no ip_forward or masquerading. Containers' cgroups go under a lab-named parent.
 */
export function dockerdArgs(l) {
    return [
        '--config-file', l.dockerConfig,
        '--containerd', l.containerdSocket,
        '--data-root', l.dockerDataRoot,
        '--exec-root', l.dockerExecRoot,
        '--pidfile', l.dockerPidFile,
        '-H', `unix://${l.dockerSocket}`,
        '--bridge=none',
        '--iptables=false',
        '--ip6tables=false',
        '--ip-forward=false',
        '--ip-masq=false',
        '--userland-proxy=false',
        '--exec-opt', 'native.cgroupdriver=cgroupfs',
        '--cgroup-parent', '/' + l.cgroupParent,
    ];
}
/**
 * daemon.json. dockerd 20.10 writes an identity key to /etc/docker/key.json at start; its only
 * knob is the daemon.json key "deprecated-key-path" (no flag), which moves it into the lab dir.
 */
export function dockerdConfig(l, dockerdVersion) {
    // dockerd 23 dropped the key (and refuses unknown daemon.json keys)
    const major = Number(/^(\d+)\./.exec(dockerdVersion ?? '')?.[1] ?? 0);
    const config = major > 0 && major < 23 ? { 'deprecated-key-path': l.dockerKey } : {};
    return JSON.stringify(config, null, 2) + '\n';
}
