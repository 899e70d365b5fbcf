// Writes a recording as it happens: asciicast v2 lines for the screen, and the lab's events beside them, one line each.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { isTaskEvent } from '../lesson/reducer.js';
import { LAB_CODE, RECORDING_FORMAT } from './format.js';
import { recordedLesson, scrubDeep } from './scrub.js';
/**
 * A file opened now (so a path that cannot be written fails before anything runs), written a
 * line at a time with write(2): a crash keeps every line written before it.
 */
export function fileSink(path) {
    // 'wx': never over a file that is there (a rehearsal's recording is not lost to the next one)
    const fd = openSync(path, 'wx', 0o644);
    return {
        write: (line) => {
            const buf = Buffer.from(line + '\n', 'utf8');
            for (let off = 0; off < buf.length;)
                off += writeSync(fd, buf, off);
        },
        close: () => {
            try {
                fsyncSync(fd);
            }
            finally {
                closeSync(fd);
            }
        },
    };
}
/** Which keys of a snapshot differ from the one before, and which are gone. */
export function snapshotChange(prev, next) {
    const set = {};
    for (const [k, v] of Object.entries(next)) {
        if (!prev || JSON.stringify(v) !== JSON.stringify(prev[k]))
            set[k] = v;
    }
    const unset = prev ? Object.keys(prev).filter((k) => !(k in next)) : [];
    return unset.length ? { type: 'snapshot', set, unset } : { type: 'snapshot', set };
}
export class RecordingWriter {
    o;
    t0;
    now;
    last = 0;
    prevSnapshot = null;
    closed = false;
    /** the first write that failed (a full disk): the recording stops there, the app goes on */
    failure = null;
    constructor(o) {
        this.o = o;
        this.now = o.now ?? (() => performance.now());
        this.t0 = this.now();
        const header = {
            version: 2,
            width: o.width,
            height: o.height,
            timestamp: Math.floor(Date.parse(o.meta.date) / 1000),
            title: `container-lab: ${o.lesson.title}`,
        };
        this.line(JSON.stringify(header));
        this.lab({ type: 'recording', format: RECORDING_FORMAT, ...o.meta, lesson: recordedLesson(o.lesson, o.scrub) });
    }
    /** Seconds since the start, never before the line written last. */
    seconds(at) {
        const t = ((at ?? this.now()) - this.t0) / 1000;
        this.last = Math.max(this.last, Math.round(t * 1e6) / 1e6);
        return this.last;
    }
    line(text) {
        if (this.closed || this.failure)
            return;
        try {
            this.o.sink.write(text);
        }
        catch (error) {
            this.failure = error;
        }
    }
    emit(code, data, at) {
        this.line(JSON.stringify([this.seconds(at), code, data]));
    }
    lab(data, at) {
        this.emit(LAB_CODE, JSON.stringify(scrubDeep(data, this.o.scrub)), at);
    }
    /** What was written to the terminal. */
    output(text) {
        if (text.length > 0)
            this.emit('o', this.o.scrub(text));
    }
    resize(columns, rows) {
        this.emit('r', `${columns}x${rows}`);
    }
    /** A session of the lesson opened: a replay starts its state again from here. */
    opened() {
        this.lab({ type: 'open' });
    }
    /** One reducer event, as LiveSession's onEvent hears it; a step's start is also a marker players show. */
    event(event, at) {
        if (isTaskEvent(event))
            return; // a replay has no tasks to show them on
        if (event.type === 'step-started') {
            const steps = this.o.lesson.steps;
            this.emit('m', `step ${event.index + 1}/${steps.length}: ${steps[event.index]?.title ?? ''}`, at);
        }
        if (event.type === 'snapshot') {
            this.lab(snapshotChange(this.prevSnapshot, event.snapshot), at);
            this.prevSnapshot = event.snapshot;
        }
        else {
            this.lab({ type: 'event', event }, at);
        }
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        try {
            this.o.sink.close();
        }
        catch (error) {
            this.failure ??= error;
        }
    }
}
