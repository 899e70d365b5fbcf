// Reads an ELF file's program headers to tell a static binary (no PT_INTERP) from a dynamic one.
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
const PT_INTERP = 3;
/**
 * elf(5): a dynamically linked program names its loader in a PT_INTERP program header
 * ("/lib64/ld-linux-x86-64.so.2"); a static one has none. Returns null for a non-ELF file.
 */
export function elfLinking(bytes) {
    if (bytes.length < 52 || bytes.readUInt32BE(0) !== 0x7f454c46)
        return null;
    const is64 = bytes[4] === 2;
    const le = bytes[5] === 1;
    const u16 = (o) => (le ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
    const u32 = (o) => (le ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o));
    const u64 = (o) => Number(le ? bytes.readBigUInt64LE(o) : bytes.readBigUInt64BE(o));
    const phoff = is64 ? u64(32) : u32(28);
    const phentsize = u16(is64 ? 54 : 42);
    const phnum = u16(is64 ? 56 : 44);
    if (phentsize === 0 || phoff + phnum * phentsize > bytes.length)
        return null;
    for (let i = 0; i < phnum; i++) {
        if (u32(phoff + i * phentsize) === PT_INTERP)
            return 'dynamic';
    }
    return 'static';
}
/** elfLinking of a file on disk, reading only its first 64 KiB (program headers sit near the start). */
export function fileElfLinking(path) {
    const fd = openSync(path, 'r');
    try {
        const size = Math.min(fstatSync(fd).size, 65536);
        const buf = Buffer.alloc(size);
        readSync(fd, buf, 0, size, 0);
        return elfLinking(buf);
    }
    finally {
        closeSync(fd);
    }
}
