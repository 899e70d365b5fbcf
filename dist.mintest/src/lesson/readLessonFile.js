// Reads one lesson file without ever blocking: regular files only, and no more than a lesson may be.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
/** The most a lesson file may hold; the biggest shipped lesson is a few KiB. */
export const LESSON_MAX_BYTES = 256 * 1024;
function kindOf(st) {
    if (st.isFIFO())
        return 'a FIFO';
    if (st.isSocket())
        return 'a socket';
    if (st.isCharacterDevice())
        return 'a character device';
    if (st.isBlockDevice())
        return 'a block device';
    if (st.isDirectory())
        return 'a directory';
    return 'not a file';
}
function size(bytes) {
    return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
/** "ENOENT: no such file or directory" from a Node fs error, without the path it repeats. */
export function fsReason(err) {
    const message = err instanceof Error ? err.message : String(err);
    return message.split(/, \w+ '/)[0];
}
/**
 * A symlink is followed (an author may link a lesson in), but what it ends at must be a regular
 * file. That is checked before opening (opening a device can act: a tape rewinds, a watchdog
 * arms), and again on the open file, which is opened non-blocking: a FIFO swapped in between
 * opens at once instead of waiting for a writer, and is then refused.
 */
export function readLessonFile(path, maxBytes = LESSON_MAX_BYTES) {
    let before;
    try {
        before = statSync(path);
    }
    catch (err) {
        return { line: 0, message: `cannot read the file (${fsReason(err)})` };
    }
    if (!before.isFile())
        return { skipped: `skipped: ${kindOf(before)}, not a regular file` };
    if (before.size > maxBytes)
        return tooBig(before.size, maxBytes);
    let fd;
    try {
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    }
    catch (err) {
        return { line: 0, message: `cannot read the file (${fsReason(err)})` };
    }
    try {
        const st = fstatSync(fd);
        if (!st.isFile())
            return { skipped: `skipped: ${kindOf(st)}, not a regular file` };
        // one byte more than allowed tells a file that grew past the limit from one at it
        const buf = Buffer.alloc(maxBytes + 1);
        let got = 0;
        while (got < buf.length) {
            const n = readSync(fd, buf, got, buf.length - got, null);
            if (n === 0)
                break;
            got += n;
        }
        if (got > maxBytes)
            return tooBig(Math.max(st.size, got), maxBytes);
        return { text: new TextDecoder('utf-8').decode(buf.subarray(0, got)) };
    }
    catch (err) {
        return { line: 0, message: `cannot read the file (${fsReason(err)})` };
    }
    finally {
        closeSync(fd);
    }
}
function tooBig(bytes, maxBytes) {
    return { line: 1, message: `the file is ${size(bytes)}, over the ${size(maxBytes)} a lesson file may be (it was not read)` };
}
