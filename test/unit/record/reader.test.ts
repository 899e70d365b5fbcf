// Reading a recording back: each damaged or foreign file gets one line that names what is wrong, and where.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecording, RecordingError } from '../../../src/record/reader.js';
import { namespaceSteps } from '../../ui/fakeSession.js';
import { fakeLesson, lessonEvents, recordLines, tempRecording } from '../../support/fakeRecording.js';

const good = () => recordLines(fakeLesson(), lessonEvents(namespaceSteps()));

/** The one line readRecording throws for a file with this content. */
function refusal(content: string | Buffer | string[]): string {
  const path = tempRecording(Buffer.isBuffer(content) ? '' : content);
  if (Buffer.isBuffer(content)) writeFileSync(path, content);
  try {
    readRecording(path);
  } catch (error) {
    expect(error).toBeInstanceOf(RecordingError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\n/);
    return message.replace(path, 'FILE');
  }
  throw new Error('the file was read without complaint');
}

/** A lab line with this data, stamped 1 s. */
const lab = (data: unknown) => JSON.stringify([1, 'container-lab', JSON.stringify(data)]);

describe('readRecording refuses', () => {
  it('a missing file, a directory, an empty file', () => {
    expect(() => readRecording('/nonexistent/x.cast')).toThrow('/nonexistent/x.cast: no such file');
    const dir = mkdtempSync(join(tmpdir(), 'container-lab-rec-'));
    expect(() => readRecording(dir)).toThrow(`${dir} is a directory, not a recording`);
    expect(refusal('')).toBe('FILE: the file is empty (0 bytes), not a recording');
  });

  it('binary data: a NUL byte, or bytes that are not UTF-8', () => {
    expect(refusal(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toBe('FILE: binary data (a NUL byte at offset 7), not a recording: a recording is lines of JSON text');
    expect(refusal(Buffer.from([0x1f, 0x8b, 0x08, 0xff, 0xfe]))).toBe('FILE: binary data (not UTF-8 text), not a recording: a recording is lines of JSON text');
  });

  it('a truncated file: its last line cut in the middle', () => {
    const text = good().join('\n') + '\n';
    const cut = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 30);
    const n = cut.split('\n').length;
    expect(refusal(cut)).toBe(`FILE:${n}: the recording ends in the middle of a line (truncated? the last line is not whole JSON)`);
    expect(refusal('{"version": 2, "wid')).toBe('FILE:1: the file ends in the middle of its first line (truncated?)');
  });

  it('a recording from a later container-lab (a larger format), before checking anything else of it', () => {
    const lines = good();
    const rec = JSON.parse(JSON.parse(lines[1])[2]);
    lines[1] = lab({ ...rec, format: 2, app: '9.0.0', lesson: 'a shape this version does not know' });
    expect(refusal(lines)).toBe('FILE:2: made by container-lab 9.0.0 in recording format 2; this container-lab reads format 1: update it to replay this file');
  });

  it('an asciicast recording of something else: no container-lab events', () => {
    const foreign = ['{"version": 2, "width": 80, "height": 24, "timestamp": 1700000000}', '[0.5, "o", "$ ls\\r\\n"]', '[1.0, "m", "a marker"]'];
    expect(refusal(foreign)).toBe('FILE: an asciicast recording without container-lab\'s state (no "container-lab" events): asciinema plays it; replay needs a file made with --record');
  });

  it('not asciicast v2: text that is not JSON, a v1 recording, a header without a size', () => {
    expect(refusal('hello, world\n')).toBe('FILE:1: not an asciicast v2 recording: the first line is not a JSON header');
    expect(refusal('{"version": 1, "width": 80, "height": 24, "stdout": [[0.1, "hi"]]}\n')).toBe('FILE:1: not an asciicast v2 recording (its header says version 1); replay reads the files --record writes');
    expect(refusal('{"version": 2, "width": 80}\n')).toBe('FILE:1: the asciicast header: height is missing (must be a number)');
  });

  it('a line that is not JSON, or not an event, in the middle', () => {
    const lines = good();
    lines.splice(4, 0, '[1.5, "o", "half');
    expect(refusal(lines)).toMatch(/^FILE:5: not a JSON line \(.+\)$/);
    const other = good();
    other.splice(3, 0, '{"t": 1}');
    expect(refusal(other)).toBe('FILE:4: not an asciicast v2 event ([seconds, code, data])');
  });

  it('a lesson that does not parse, an event it does not know, a step the lesson does not have', () => {
    const lines = good();
    const rec = JSON.parse(JSON.parse(lines[1])[2]);
    lines[1] = lab({ ...rec, lesson: { ...rec.lesson, steps: 'none' } });
    expect(refusal(lines)).toBe('FILE:2: the recorded lesson: steps must be a list, not "none"');
    const unknown = good();
    unknown.push(lab({ type: 'event', event: { type: 'teleport' } }));
    expect(refusal(unknown)).toBe(`FILE:${unknown.length}: an event this container-lab does not know ("teleport"); it knows step-started, step-finished, snapshot, cgroup-files, chain, activity, rewound, error, notice, shell`);
    const badLine = good();
    badLine.push(lab({ type: 'event', event: { type: 'step-finished', index: 0, run: { status: 'done' }, advance: true } }));
    expect(refusal(badLine)).toBe(`FILE:${badLine.length}: the container-lab event: event.run.log is missing (must be a list)`);
    const far = good();
    far.push(lab({ type: 'event', event: { type: 'step-started', index: 7 } }));
    expect(refusal(far)).toBe(`FILE:${far.length}: step index 7, but the lesson has 3 steps`);
  });

  it('events before the line that says what was recorded', () => {
    const lines = good();
    lines.splice(1, 1);
    expect(refusal(lines)).toBe('FILE:2: the first container-lab event must say what was recorded (type "recording")');
  });
});
