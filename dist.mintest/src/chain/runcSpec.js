// The lab's edits to the config.json `runc spec` writes, and the few lines of it a panel shows.
/**
 * runc spec's default is an interactive `sh` on a terminal. The lab's container runs without
 * one (runc would want a console socket), runs the lesson's program, gets the lab's hostname
 * and a lab-named cgroup. Everything else stays as runc wrote it: root "rootfs" read-only, the
 * pid, network, ipc, uts and mount namespaces (the network one holds only a loopback), the
 * mounts, masked and read-only paths. Returns a new object; the input is left alone.
 */
export function labSpec(spec, o) {
    if (!spec || typeof spec !== 'object' || !spec.process || !spec.linux) {
        throw new Error('config.json has no process or linux section: not what runc spec writes');
    }
    const out = structuredClone(spec);
    out.process.terminal = false;
    out.process.args = [...o.args];
    out.hostname = o.hostname;
    out.root = { ...(out.root ?? {}), path: 'rootfs' };
    out.linux.cgroupsPath = o.cgroupsPath;
    return out;
}
/** At most this many characters a panel line. */
const WIDTH = 100;
function fit(line) {
    return line.length > WIDTH ? line.slice(0, WIDTH - 1) + '…' : line;
}
/** config.json's key parts, one line each: what the container will be. */
export function specSummary(spec) {
    const ns = (spec.linux?.namespaces ?? []).map((n) => n.type);
    const mounts = (spec.mounts ?? []);
    return [
        `process.args: ${JSON.stringify(spec.process?.args ?? [])}`,
        `process.terminal: ${spec.process?.terminal}  user: ${spec.process?.user?.uid ?? '?'}:${spec.process?.user?.gid ?? '?'}`,
        `root: ${JSON.stringify(spec.root?.path)}${spec.root?.readonly ? ' (read-only)' : ''}`,
        `hostname: ${JSON.stringify(spec.hostname)}`,
        `namespaces: ${ns.join(', ')}`,
        `mounts: ${mounts.length} (${mounts.map((m) => m.destination).join(' ')})`,
        `cgroupsPath: ${spec.linux?.cgroupsPath ?? '(runc\'s default)'}`,
    ].map(fit);
}
