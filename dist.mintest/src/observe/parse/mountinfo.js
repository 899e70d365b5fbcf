/*
 * Line format (proc(5)):
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)    (10)         (11)
 * (7) is zero or more "tag[:value]" fields ended by a lone "-". Fields are separated by single
 * spaces; the kernel writes space, tab, newline and backslash inside root, mount point, source
 * and fs type as octal escapes (\040, \011, \012, \134), so splitting on ' ' is safe and a
 * source may even be the empty string. Mount and super options are kept as printed: their
 * values escape ',' too, and unescaping would make them unsplittable.
 */
export function parseMountinfo(text) {
    const out = [];
    for (const [i, line] of text.split('\n').entries()) {
        if (line.trim() === '')
            continue;
        const f = line.split(' ');
        const dash = f.indexOf('-', 6);
        if (dash < 0 || f.length !== dash + 4 || !/^\d+$/.test(f[0]) || !/^\d+$/.test(f[1])) {
            throw new Error(`mountinfo line ${i + 1}: not in proc(5) format: ${JSON.stringify(line)}`);
        }
        out.push({
            mountId: Number(f[0]),
            parentId: Number(f[1]),
            majorMinor: f[2],
            root: unescapeOctal(f[3]),
            mountPoint: unescapeOctal(f[4]),
            mountOptions: f[5],
            optionalFields: f.slice(6, dash),
            fsType: unescapeOctal(f[dash + 1]),
            source: unescapeOctal(f[dash + 2]),
            superOptions: f[dash + 3],
        });
    }
    return out;
}
/** Turns the kernel's "\ooo" escapes back into characters. */
export function unescapeOctal(s) {
    return s.replace(/\\([0-7]{3})/g, (_, oct) => String.fromCharCode(parseInt(oct, 8)));
}
/*
 * Which container mounts are new. Mount IDs are no use: a new mount namespace gets copies of
 * every mount with fresh IDs (mount_namespaces(7)). A mount is identified by
 *   major:minor - the filesystem instance (a fresh proc or tmpfs gets a fresh anonymous device,
 *                 so a new /proc over the old one differs here although everything else matches),
 *   root        - which directory of that filesystem is mounted (bind mounts differ here),
 *   mount point - where it is attached.
 * fs type and source follow from major:minor, and options may be changed by a remount without
 * the mount being new, so they are left out. Keys are counted, not just collected, so a second
 * identical mount stacked on the same point still counts as added.
 */
export function diffMounts(host, container) {
    const key = (m) => `${m.majorMinor}\0${m.root}\0${m.mountPoint}`;
    const remaining = new Map();
    for (const m of host)
        remaining.set(key(m), (remaining.get(key(m)) ?? 0) + 1);
    return container.map((m) => {
        const n = remaining.get(key(m)) ?? 0;
        if (n > 0)
            remaining.set(key(m), n - 1);
        return { ...m, added: n === 0 };
    });
}
