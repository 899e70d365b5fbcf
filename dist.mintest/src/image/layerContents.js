export const HELLO_PATH = '/usr/bin/hello';
export const DEFAULT_GREETING = 'Hello from inside a container!';
const text = (s) => Buffer.from(s, 'utf8');
function file(path, content, mode = 0o644) {
    return { path, type: 'file', mode, data: text(content) };
}
function dir(path, mode = 0o755) {
    return { path, type: 'dir', mode };
}
/** Adds a 0755 directory entry for every parent that has none, so each layer stands on its own. */
export function withParentDirs(entries) {
    const have = new Set(entries.map((e) => e.path));
    const out = [...entries];
    for (const e of entries) {
        const parts = e.path.split('/');
        for (let i = 1; i < parts.length; i++) {
            const parent = parts.slice(0, i).join('/');
            if (!have.has(parent)) {
                have.add(parent);
                out.push(dir(parent));
            }
        }
    }
    return out;
}
/** The base layer: the binaries, a minimal /etc, and the empty directories a runtime mounts over. */
export function baseLayerEntries(binaries) {
    return withParentDirs([
        ...binaries.entries,
        dir('bin'), dir('sbin'), dir('usr'), dir('usr/bin'), dir('usr/sbin'), dir('etc'), dir('var'),
        dir('home'), dir('root', 0o700), dir('tmp', 0o1777), dir('var/tmp', 0o1777),
        // mount points: a runtime mounts proc, sysfs and a /dev tmpfs here
        dir('proc', 0o555), dir('sys', 0o555), dir('dev'),
        file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n'),
        file('etc/group', 'root:x:0:\nnogroup:x:65534:\n'),
        file('etc/hostname', 'container-lab\n'),
        file('etc/motd', 'Welcome to the container-lab image.\n'),
        file('etc/issue', 'container-lab image \\n \\l\n'),
        file('etc/os-release', 'NAME="container-lab"\nID=container-lab\nPRETTY_NAME="container-lab lab image"\n'),
    ]);
}
/**
 * The app layer: the "hello world" a first container runs. It prints its own PID (1 when it is a
 * PID namespace's first process) and the hostname it sees (the container's, in a UTS namespace).
 */
export function appLayerEntries() {
    const hello = [
        '#!/bin/sh',
        '# The lab image\'s first program: says hello, and who and where it is.',
        'cat /usr/share/hello/message',
        'echo "I am PID $$ on host $(hostname)."',
        '',
    ].join('\n');
    return withParentDirs([
        file('usr/bin/hello', hello, 0o755),
        dir('usr/share/hello'),
        file('usr/share/hello/message', `${DEFAULT_GREETING}\n`),
        file('usr/share/hello/README', 'The greeting /usr/bin/hello prints is in "message".\n'),
    ]);
}
