// Why a program did not start: the errno execve(2) returned (as spawn reports it), and what it means for the learner.
/** spawn's error carries execve(2)'s errno name in `code` (libuv reports the child's errno); anything else is not an exec failure. */
export function execErrno(error) {
    const code = error?.code;
    return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : 'EIO';
}
/**
 * execve(2) ERRORS, turned into what to look at. `where` says whose files the program was
 * looked up in: a changed root (chroot, pivot_root) or the host.
 */
export function execHint(code, program, where) {
    switch (code) {
        case 'EACCES':
            return `execve(2) said EACCES: ${program} (or its #! interpreter) has no execute permission, or it lies on a `
                + 'mount with noexec — a bind mount keeps its source mount\'s flags, and /run, /tmp and /dev/shm are often noexec '
                + '(look for noexec on that mount\'s line in /proc/self/mountinfo)';
        case 'ENOENT':
            return where === 'root'
                ? `execve(2) said ENOENT: ${program} is not inside this root, or the interpreter it needs is missing there `
                    + '(its #! line, or the ELF loader named in its header, e.g. /lib64/ld-linux-x86-64.so.2)'
                : `execve(2) said ENOENT: ${program} is not installed on this host (or its #! interpreter or ELF loader is missing): install it`;
        case 'ENOEXEC':
            return `execve(2) said ENOEXEC: ${program} is in a format this kernel cannot run (another architecture, or a script without a #! line)`;
        case 'ETXTBSY':
            return `execve(2) said ETXTBSY: ${program} is open for writing by some process`;
        default:
            return `execve(2) said ${code}: see execve(2), ERRORS`;
    }
}
