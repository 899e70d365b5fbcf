export function fileStat(s) {
    return {
        dev: s.dev, ino: s.ino, mode: s.mode, uid: s.uid, gid: s.gid, size: s.size, rdev: s.rdev,
        isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: s.isSymbolicLink(), isCharacterDevice: s.isCharacterDevice(),
    };
}
