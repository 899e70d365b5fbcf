// Reproducible tar archives for image layers: a ustar/pax writer and a reader, both in memory.
//
// Layers are plain tar archives (image-spec layer.md). The writer sorts entries, fixes mtimes,
// owners and names, so the same files always give the same bytes and so the same digest.
// Format: POSIX.1-2001 ustar headers, with a pax extended header ('x') for names or link
// targets that do not fit; the reader also takes GNU long names ('L'/'K') and base-256 numbers.
const BLOCK = 512;
const TYPEFLAG = { file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6' };
/** Cleans a tar path: no leading "/" or "./", no trailing "/", no "." parts; ".." is refused. */
export function normalizeTarPath(raw) {
    const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.includes('..'))
        throw new Error(`tar path leaves the layer: ${JSON.stringify(raw)}`);
    return parts.join('/');
}
function octal(value, width) {
    // width includes the terminating NUL
    const s = value.toString(8);
    if (s.length > width - 1)
        throw new Error(`value ${value} does not fit a ${width}-byte tar field`);
    return s.padStart(width - 1, '0') + '\0';
}
function fits(s, max) {
    return Buffer.byteLength(s) <= max;
}
/** ustar splits long names into prefix (155) + "/" + name (100); null if no split fits. */
function splitUstarName(name) {
    if (fits(name, 100))
        return { prefix: '', name };
    for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
        const prefix = name.slice(0, i);
        const rest = name.slice(i + 1);
        if (fits(prefix, 155) && fits(rest, 100) && rest !== '')
            return { prefix, name: rest };
    }
    return null;
}
function header(fields) {
    const h = Buffer.alloc(BLOCK);
    h.write(fields.name, 0, 100, 'utf8');
    h.write(octal(fields.mode & 0o7777, 8), 100, 'ascii');
    h.write(octal(fields.uid, 8), 108, 'ascii');
    h.write(octal(fields.gid, 8), 116, 'ascii');
    h.write(octal(fields.size, 12), 124, 'ascii');
    h.write(octal(fields.mtime, 12), 136, 'ascii');
    h.write('        ', 148, 'ascii'); // checksum is computed with its own field as spaces
    h.write(fields.typeflag, 156, 'ascii');
    h.write(fields.linkname, 157, 100, 'utf8');
    h.write('ustar\0', 257, 'ascii');
    h.write('00', 263, 'ascii');
    h.write('root', 265, 32, 'ascii');
    h.write('root', 297, 32, 'ascii');
    h.write(octal(fields.devmajor, 8), 329, 'ascii');
    h.write(octal(fields.devminor, 8), 337, 'ascii');
    h.write(fields.prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const byte of h)
        sum += byte;
    h.write(octal(sum, 7) + ' ', 148, 'ascii');
    return h;
}
function padded(data) {
    const rest = data.length % BLOCK;
    return rest === 0 ? [data] : [data, Buffer.alloc(BLOCK - rest)];
}
/** pax records: "<len> key=value\n", where len counts the whole record including itself. */
function paxRecord(key, value) {
    const body = ` ${key}=${value}\n`;
    let len = Buffer.byteLength(body) + 1;
    while (String(len).length + Buffer.byteLength(body) !== len)
        len = String(len).length + Buffer.byteLength(body);
    return `${len}${body}`;
}
/** Path order that puts every directory before what it contains ("etc" < "etc/passwd"). */
export function compareTarPaths(a, b) {
    const pa = a.split('/');
    const pb = b.split('/');
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        if (pa[i] !== pb[i])
            return pa[i] < pb[i] ? -1 : 1;
    }
    return pa.length - pb.length;
}
/**
 * The archive for these entries, sorted, with uid/gid 0 and mtime 0 unless given: the same
 * entries always give the same bytes. Ends with the two zero blocks of tar(5).
 */
export function writeTar(entries) {
    const sorted = entries.map((e) => ({ ...e, path: normalizeTarPath(e.path) }))
        .filter((e) => e.path !== '')
        .sort((a, b) => compareTarPaths(a.path, b.path));
    const seen = new Set();
    const out = [];
    for (const e of sorted) {
        if (seen.has(e.path))
            throw new Error(`duplicate tar entry ${e.path}`);
        seen.add(e.path);
        const name = e.type === 'dir' ? e.path + '/' : e.path;
        const linkname = e.linkname ?? '';
        const data = e.type === 'file' ? e.data ?? Buffer.alloc(0) : Buffer.alloc(0);
        const split = splitUstarName(name);
        const pax = [];
        if (!split)
            pax.push(paxRecord('path', name));
        if (!fits(linkname, 100))
            pax.push(paxRecord('linkpath', linkname));
        const mtime = e.mtime ?? 0;
        const uid = e.uid ?? 0;
        const gid = e.gid ?? 0;
        if (pax.length) {
            const body = Buffer.from(pax.join(''), 'utf8');
            const paxName = `PaxHeaders/${name.replace(/\/$/, '').split('/').pop().slice(0, 80)}`;
            out.push(header({ name: paxName, prefix: '', mode: 0o644, uid: 0, gid: 0, size: body.length, mtime, typeflag: 'x', linkname: '', devmajor: 0, devminor: 0 }));
            out.push(...padded(body));
        }
        out.push(header({
            name: split ? split.name : name.slice(0, 100),
            prefix: split ? split.prefix : '',
            mode: e.mode,
            uid,
            gid,
            size: data.length,
            mtime,
            typeflag: TYPEFLAG[e.type],
            linkname: fits(linkname, 100) ? linkname : linkname.slice(0, 100),
            devmajor: e.devmajor ?? 0,
            devminor: e.devminor ?? 0,
        }));
        if (data.length)
            out.push(...padded(data));
    }
    out.push(Buffer.alloc(BLOCK * 2));
    return Buffer.concat(out);
}
/* ---------------------------------- reading ---------------------------------- */
function cString(buf, start, len) {
    const field = buf.subarray(start, start + len);
    const end = field.indexOf(0);
    return field.subarray(0, end < 0 ? len : end).toString('utf8');
}
/** Octal, or base-256 when the first byte has its high bit set (GNU/star extension). */
function number(buf, start, len) {
    const field = buf.subarray(start, start + len);
    if (field[0] & 0x80) {
        let value = field[0] & 0x7f;
        for (let i = 1; i < len; i++)
            value = value * 256 + field[i];
        return value;
    }
    const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
    if (text === '')
        return 0;
    if (!/^[0-7]+$/.test(text))
        throw new Error(`bad octal number ${JSON.stringify(text)} in a tar header`);
    return parseInt(text, 8);
}
function parsePax(body) {
    const out = {};
    let at = 0;
    while (at < body.length) {
        const space = body.indexOf(0x20, at);
        const len = Number(body.subarray(at, space).toString('ascii'));
        if (space < 0 || !Number.isInteger(len) || len <= 0)
            break;
        const kv = body.subarray(space + 1, at + len - 1).toString('utf8');
        const eq = kv.indexOf('=');
        if (eq > 0)
            out[kv.slice(0, eq)] = kv.slice(eq + 1);
        at += len;
    }
    return out;
}
const TYPE_BY_FLAG = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'char', '4': 'block', '5': 'dir', '6': 'fifo' };
/** Every entry of an uncompressed tar archive, in archive order. Throws on a corrupt header. */
export function readTar(archive) {
    const out = [];
    let offset = 0;
    let pax = {};
    let longName = null;
    let longLink = null;
    while (offset + BLOCK <= archive.length) {
        const h = archive.subarray(offset, offset + BLOCK);
        if (h.every((b) => b === 0))
            break; // end of archive
        let sum = 0;
        for (let i = 0; i < BLOCK; i++)
            sum += i >= 148 && i < 156 ? 32 : h[i];
        if (sum !== number(h, 148, 8))
            throw new Error(`tar header checksum mismatch at byte ${offset}`);
        const flag = String.fromCharCode(h[156] || 0);
        const size = number(h, 124, 12);
        const dataStart = offset + BLOCK;
        const data = archive.subarray(dataStart, dataStart + size);
        if (data.length !== size)
            throw new Error(`tar entry at byte ${offset} is truncated`);
        offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
        if (flag === 'x') {
            pax = parsePax(data);
            continue;
        }
        if (flag === 'g')
            continue; // global pax header: nothing a layer needs
        if (flag === 'L') {
            longName = cString(data, 0, data.length);
            continue;
        }
        if (flag === 'K') {
            longLink = cString(data, 0, data.length);
            continue;
        }
        const type = TYPE_BY_FLAG[flag];
        const ustar = cString(h, 257, 6) === 'ustar';
        const prefix = ustar ? cString(h, 345, 155) : '';
        const rawName = pax.path ?? longName ?? (prefix ? `${prefix}/${cString(h, 0, 100)}` : cString(h, 0, 100));
        const linkname = pax.linkpath ?? longLink ?? cString(h, 157, 100);
        pax = {};
        longName = null;
        longLink = null;
        if (!type)
            continue; // sockets and vendor types have no place in a layer
        out.push({
            path: normalizeTarPath(rawName),
            type,
            mode: number(h, 100, 8) & 0o7777,
            uid: number(h, 108, 8),
            gid: number(h, 116, 8),
            mtime: number(h, 136, 12),
            data: type === 'file' ? Buffer.from(data) : undefined,
            linkname: type === 'symlink' ? linkname : type === 'hardlink' ? normalizeTarPath(linkname) : undefined,
            devmajor: number(h, 329, 8),
            devminor: number(h, 337, 8),
        });
    }
    return out;
}
