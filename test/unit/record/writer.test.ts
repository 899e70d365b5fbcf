// The recording writer: asciicast v2 lines a player reads, and the lab's events that reduce back to the same states.
import { describe, expect, it } from 'vitest';
import { initialState, reduce } from '../../../src/lesson/reducer.js';
import { readRecording } from '../../../src/record/reader.js';
import { snapshotChange } from '../../../src/record/writer.js';
import { baseSnapshot, namespaceSteps } from '../../ui/fakeSession.js';
import { fakeLesson, lessonEvents, recordLines, tempRecording } from '../../support/fakeRecording.js';

describe('RecordingWriter', () => {
  it('writes an asciicast v2 file: a header with only the spec\'s keys, then [seconds, code, data] lines with string data, time never going back', () => {
    const lines = recordLines(fakeLesson(), lessonEvents(namespaceSteps()));
    const header = JSON.parse(lines[0]);
    expect(Object.keys(header).sort()).toEqual(['height', 'timestamp', 'title', 'version', 'width']);
    expect(header).toMatchObject({ version: 2, width: 80, height: 24, timestamp: Date.parse('2025-05-01T09:30:00Z') / 1000 });
    let last = 0;
    for (const line of lines.slice(1)) {
      const [t, code, data] = JSON.parse(line);
      expect(typeof t).toBe('number');
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      expect(['o', 'm', 'container-lab']).toContain(code);
      expect(typeof data).toBe('string');
      if (code === 'container-lab') expect(typeof JSON.parse(data)).toBe('object');
    }
    // a marker at each step's start, as asciinema's players list them
    const markers = lines.map((l) => JSON.parse(l)).filter((e) => e[1] === 'm').map((e) => e[2]);
    expect(markers).toEqual(['step 1/3: New namespaces', 'step 2/3: Its own hostname', 'step 3/3: A private tmpfs']);
  });

  it('round trip: the events read back reduce to the same states as the events written', () => {
    const lesson = fakeLesson();
    const events = lessonEvents(namespaceSteps());
    const recording = readRecording(tempRecording(recordLines(lesson, events)));
    // the lesson's file by its name only: where it lay is the host's
    expect(recording.lesson).toEqual({ ...lesson, file: '02-namespaces.md' });
    expect(recording.meta).toEqual({ app: '0.1.0', date: '2025-05-01T09:30:00.000Z', kernel: '6.8.0-45-generic', arch: 'x86_64', cgroup: 'v2 (systemd)' });
    const read = recording.items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
    expect(recording.items[0].kind).toBe('open');
    expect(read).toEqual(events.map((e) => e.event));
    const states = (evs: typeof read) => evs.reduce<ReturnType<typeof initialState>[]>((acc, e) => [...acc, reduce(acc[acc.length - 1], e)], [initialState(lesson)]);
    expect(states(read)).toEqual(states(events.map((e) => e.event)));
  });

  it('stores a snapshot as the keys that changed since the one before', () => {
    const a = baseSnapshot();
    const b = { ...a, takenAt: a.takenAt + 1, hostname: { host: a.hostname.host, container: 'lab' } };
    expect(snapshotChange(null, a).set).toEqual(a);
    expect(snapshotChange(a, b)).toEqual({ type: 'snapshot', set: { takenAt: b.takenAt, hostname: b.hostname } });
    const { uidMap: _u, ...withoutMap } = b;
    expect(snapshotChange(b, withoutMap as typeof b)).toEqual({ type: 'snapshot', set: {}, unset: ['uidMap'] });
  });

  it('a session opened again starts the state again', () => {
    const lesson = fakeLesson();
    const events = lessonEvents(namespaceSteps().slice(0, 1));
    const lines = recordLines(lesson, events);
    const again = recordLines(lesson, events).slice(2); // the second session's lines, without the header and recording line
    const recording = readRecording(tempRecording([...lines, ...again]));
    expect(recording.items.filter((i) => i.kind === 'open')).toHaveLength(2);
  });
});
