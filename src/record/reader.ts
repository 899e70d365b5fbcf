// Reads a recording back: checks every line (asciicast v2, then container-lab's events) and says in one line what is wrong with a bad one.
import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import type { SessionEvent } from '../lesson/reducer.js';
import { validate } from '../lesson/schema.js';
import type { Lesson, Snapshot } from '../types.js';
import {
  EVENT_TYPES,
  LAB_CODE,
  RECORDING_FORMAT,
  headerSchema,
  labLineSchema,
  lessonSchema,
  recordingLineSchema,
  snapshotSchema,
  type RecordingMeta,
} from './format.js';

/** A recording that cannot be replayed; the message is the one line the user sees. */
export class RecordingError extends Error {}

/** One moment of the lab's state: a session opened, or a reducer event; `t` in seconds since the start. */
export type RecordedItem = { t: number; kind: 'open' } | { t: number; kind: 'event'; event: SessionEvent };

export interface Recording {
  meta: RecordingMeta;
  lesson: Lesson;
  width: number;
  height: number;
  items: RecordedItem[];
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RecordingError(`${path}: no such file`);
    if (code === 'EISDIR') throw new RecordingError(`${path} is a directory, not a recording`);
    if (code === 'EACCES') throw new RecordingError(`${path}: permission denied (cannot read it)`);
    throw new RecordingError(`${path}: cannot read it: ${(error as Error).message}`);
  }
}

function text(path: string, bytes: Buffer): string {
  if (bytes.length === 0) throw new RecordingError(`${path}: the file is empty (0 bytes), not a recording`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new RecordingError(`${path}: binary data (a NUL byte at offset ${nul}), not a recording: a recording is lines of JSON text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RecordingError(`${path}: binary data (not UTF-8 text), not a recording: a recording is lines of JSON text`);
  }
}

const tryJson = (line: string): { ok: true; value: unknown } | { ok: false; error: string } => {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
};

/** The first problem zod finds, in the lesson loader's words. */
function problem<T>(schema: z.ZodType<T>, data: unknown, label: string): { ok: true; value: T } | { ok: false; message: string } {
  const v = validate(schema, data, label);
  return v.ok ? v : { ok: false, message: v.problems[0]?.message ?? `${label} does not parse` };
}

/** Events that point outside the lesson would draw steps that do not exist. */
function outOfRange(event: SessionEvent, steps: number): string | null {
  if ((event.type === 'step-started' || event.type === 'step-finished') && event.index >= steps) return `step index ${event.index}, but the lesson has ${steps} steps`;
  if (event.type === 'rewound' && event.cursor > steps) return `rewound to step ${event.cursor}, but the lesson has ${steps} steps`;
  return null;
}

export function readRecording(path: string): Recording {
  const all = text(path, readBytes(path)).split('\n');
  const endsMidLine = all[all.length - 1] !== '';
  const lines = endsMidLine ? all : all.slice(0, -1);
  const where = (i: number) => `${path}:${i + 1}`;

  const first = tryJson(lines[0]);
  if (!first.ok || typeof first.value !== 'object' || first.value === null || Array.isArray(first.value)) {
    if (lines.length === 1 && endsMidLine && !first.ok) throw new RecordingError(`${where(0)}: the file ends in the middle of its first line (truncated?)`);
    throw new RecordingError(`${where(0)}: not an asciicast v2 recording: the first line is not a JSON header`);
  }
  const version = (first.value as { version?: unknown }).version;
  if (version !== 2) {
    throw new RecordingError(`${where(0)}: not an asciicast v2 recording (its header says version ${JSON.stringify(version ?? null)}); replay reads the files --record writes`);
  }
  const header = problem(headerSchema, first.value, 'the asciicast header');
  if (!header.ok) throw new RecordingError(`${where(0)}: ${header.message}`);

  let meta: RecordingMeta | null = null;
  let lesson: Lesson | null = null;
  let snapshot: Snapshot | null = null;
  const items: RecordedItem[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const parsed = tryJson(line);
    if (!parsed.ok) {
      if (i === lines.length - 1 && endsMidLine) throw new RecordingError(`${where(i)}: the recording ends in the middle of a line (truncated? the last line is not whole JSON)`);
      throw new RecordingError(`${where(i)}: not a JSON line (${parsed.error})`);
    }
    const e = parsed.value;
    if (!Array.isArray(e) || e.length !== 3 || typeof e[0] !== 'number' || typeof e[1] !== 'string' || typeof e[2] !== 'string') {
      throw new RecordingError(`${where(i)}: not an asciicast v2 event ([seconds, code, data])`);
    }
    const [t, code, data] = e as [number, string, string];
    if (code !== LAB_CODE) continue;
    const lab = tryJson(data);
    if (!lab.ok || typeof lab.value !== 'object' || lab.value === null) throw new RecordingError(`${where(i)}: a container-lab event whose data is not a JSON object`);
    if (!meta) {
      const format = (lab.value as { type?: unknown; format?: unknown }).format;
      if ((lab.value as { type?: unknown }).type !== 'recording') throw new RecordingError(`${where(i)}: the first container-lab event must say what was recorded (type "recording")`);
      if (typeof format === 'number' && format > RECORDING_FORMAT) {
        const by = (lab.value as { app?: unknown }).app;
        throw new RecordingError(`${where(i)}: made by container-lab ${typeof by === 'string' ? by : '(a later version)'} in recording format ${format}; this container-lab reads format ${RECORDING_FORMAT}: update it to replay this file`);
      }
      const rec = problem(recordingLineSchema, lab.value, 'the recording line');
      if (!rec.ok) throw new RecordingError(`${where(i)}: ${rec.message}`);
      const les = problem(lessonSchema, rec.value.lesson, 'the recorded lesson');
      if (!les.ok) throw new RecordingError(`${where(i)}: ${les.message}`);
      const { type: _type, format: _format, lesson: _lesson, ...facts } = rec.value;
      meta = facts;
      lesson = les.value;
      continue;
    }
    const kind = (lab.value as { type?: unknown; event?: { type?: unknown } }).event?.type;
    if (kind !== undefined && !(EVENT_TYPES as readonly unknown[]).includes(kind)) {
      throw new RecordingError(`${where(i)}: an event this container-lab does not know (${JSON.stringify(kind)}); it knows ${EVENT_TYPES.join(', ')}`);
    }
    const item = problem(labLineSchema, lab.value, 'the container-lab event');
    if (!item.ok) throw new RecordingError(`${where(i)}: ${item.message}`);
    const v = item.value;
    if (v.type === 'open') {
      items.push({ t, kind: 'open' });
    } else if (v.type === 'snapshot') {
      const next: Record<string, unknown> = { ...(snapshot ?? {}), ...v.set };
      for (const k of v.unset ?? []) delete next[k];
      const full = problem(snapshotSchema, next, 'the snapshot');
      if (!full.ok) throw new RecordingError(`${where(i)}: ${full.message}${snapshot ? '' : ' (the first snapshot must be whole)'}`);
      snapshot = full.value;
      items.push({ t, kind: 'event', event: { type: 'snapshot', snapshot } });
    } else {
      const bad = outOfRange(v.event, lesson!.steps.length);
      if (bad) throw new RecordingError(`${where(i)}: ${bad}`);
      // a whole snapshot (the writer stores changes) is the base the next change applies to
      if (v.event.type === 'snapshot') snapshot = v.event.snapshot;
      items.push({ t, kind: 'event', event: v.event });
    }
  }
  if (!meta || !lesson) {
    throw new RecordingError(`${path}: an asciicast recording without container-lab's state (no "${LAB_CODE}" events): asciinema plays it; replay needs a file made with --record`);
  }
  return { meta, lesson, width: header.value.width, height: header.value.height, items };
}
