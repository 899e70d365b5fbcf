/**
 * Waits on fd 3 until the banner is on the terminal, then becomes the interactive shell (same PID).
 * +m: no job control. With it the shell would make itself the terminal's foreground process group
 * and, from inside the new PID namespace, fail to give the terminal back to the app (whose process
 * group ID it cannot name), leaving the app unable to read the keyboard. `-s container-lab-sh`:
 * commands from the terminal, and the lab's name in its command line, where `ps` on the host shows it.
 */
export const GATED_SHELL = ['/bin/sh', '-c', 'read -r _ <&3; exec 3<&-; exec /bin/sh -i +m -s container-lab-sh', 'container-lab-sh'];
/**
 * A mount namespace of the shell's own, a child of the container's: every mount in it private
 * first (nothing propagates back), then a proc for the PID namespace unshare(1) runs in (the
 * container's), so ps reads the container's processes. It goes when the shell's last process does.
 */
export const FRESH_PROC = ['unshare', '--mount', '--propagation', 'private', '--mount-proc', '--'];
/**
 * The namespace options of nsenter(1) for the container's namespaces. PID: the one its children go
 * to; none when the starter's children are born there already, so nsenter forks no process of its own
 * into the container (with --pid it forks, and the parent it leaves behind would show in ps).
 */
function nsenterNamespaces(pid, via, childrenInside) {
    const ns = (name) => `/proc/${pid}/ns/${name}`;
    return [
        `--mount=${ns('mnt')}`, `--uts=${ns('uts')}`, `--ipc=${ns('ipc')}`, `--net=${ns('net')}`, `--cgroup=${ns('cgroup')}`,
        ...(childrenInside ? [] : [`--pid=${ns(via === 'fork' ? 'pid_for_children' : 'pid')}`]),
    ];
}
/** The command line for a shell in the verdict's place. */
export function shellArgv(verdict, o) {
    const { pid, via } = verdict.place;
    const inside = [...(verdict.freshProc ? FRESH_PROC : []), ...GATED_SHELL];
    if (o.forked && via === 'fork')
        return inside;
    const user = o.rootless ? [`--user=/proc/${pid}/ns/user`, '--preserve-credentials'] : [];
    const namespaces = nsenterNamespaces(pid, via, o.childrenInside === true);
    return ['nsenter', ...user, ...namespaces, `--root=/proc/${pid}/root`, `--wd=/proc/${pid}/root`, '--', ...inside];
}
/** One line (two with a fresh proc): where the shell is, and what ps shows and why. `{pid}` is the shell's host PID. */
export function shellBanner(verdict) {
    const own = verdict.own.join(', ');
    const lines = [`container-lab: a shell in the container: its own ${own} namespaces; host PID of this shell: {pid}.`];
    if (verdict.freshProc) {
        lines.push('container-lab: the container\'s /proc is still the host\'s, so this shell got a mount namespace of its own (a child of the container\'s) with a fresh /proc of the container\'s PID namespace: ps shows only the container\'s processes.');
    }
    return lines;
}
/** The prompt names the container's hostname only when the container has a UTS namespace of its own. */
export function shellPrompt(verdict, hostname) {
    return verdict.own.includes('uts') ? `[container-lab ${hostname}] # ` : '[container-lab container, host\'s hostname] # ';
}
