// Whether this is Linux: elsewhere (macOS, Windows) no lesson runs, and only the recordings and replay work.
const NAMES = { darwin: 'macOS', win32: 'Windows', freebsd: 'FreeBSD', openbsd: 'OpenBSD', sunos: 'illumos/Solaris', aix: 'AIX' };
/**
 * null on Linux; else why a lesson cannot run here, said after the lesson's name as the other
 * reasons are ("needs root…"): "runs only on Linux, and this is macOS (…)".
 */
export function notLinux(platform = process.platform) {
    if (platform === 'linux')
        return null;
    return `runs only on Linux, and this is ${NAMES[platform] ?? platform} (a lesson is Linux's namespaces, cgroups and mounts; WSL 2 or a Linux VM is Linux)`;
}
