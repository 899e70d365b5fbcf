/** When `path` is a symlink in the root: one line saying where it leads, read as the container reads it. `who`: "the container". */
export function linkNote(r, path, who) {
    let target;
    try {
        if (!r.lstat(path).isSymbolicLink)
            return null;
        target = r.readlink(path);
    }
    catch {
        return null;
    }
    return `${path} is a symlink to ${target} in ${who}: followed inside ${who}'s root, so it leads to ${who}'s ${target}, never the host's`;
}
/** A hint for an in-root call that failed with `code`. */
export function inRootHint(code) {
    if (code === 'ELOOP')
        return 'a symlink on the way loops, or is a /proc magic link such as /proc/self/root: the lab does not follow those (RESOLVE_NO_MAGICLINKS)';
    if (code === 'ENOENT')
        return 'does its parent directory exist there? (symlinks on the way are followed inside the container\'s root, never on the host)';
    if (code === 'ENOTDIR')
        return 'a part of the path is not a directory there';
    return 'the path is resolved inside the container\'s root with openat2(2) RESOLVE_IN_ROOT';
}
