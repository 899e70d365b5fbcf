// The recordings the package ships (scripts/record-lessons): one per lesson, each read and replayed by this code, of the lesson as it is now.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadLessons } from '../../../src/lesson/loadLessons.js';
import { readRecording } from '../../../src/record/reader.js';
import { replayStops } from '../../../src/record/stops.js';
import { recordingFor, shippedRecordings } from '../../../src/record/shipped.js';
import { packageRoot } from '../../../src/sys/packageRoot.js';

const root = packageRoot();
const recordings = shippedRecordings(root);
const { lessons } = loadLessons(join(root, 'lessons'));

describe('shipped recordings', () => {
  it('one for every lesson of the package, and none for a lesson from elsewhere', () => {
    expect([...recordings.keys()].sort()).toEqual(lessons.map((l) => l.id).sort());
    const foreign = { ...lessons[0], source: { trusted: false, from: '--lessons' } };
    expect(recordingFor(recordings, foreign)).toBeNull();
  });

  for (const lesson of lessons) {
    it(`${lesson.id}: reads, says what made it, is of the lesson as it is now, and every step passed`, () => {
      const rec = readRecording(recordings.get(lesson.id)!);
      expect(rec.meta.app).toMatch(/^\d+\.\d+\.\d+/);
      expect(rec.meta.kernel).not.toBe('');
      expect(rec.meta.cgroup).toMatch(/^(v2 \(systemd\)|v2|v1 hybrid|v1)$/);
      // a lesson changed since: run scripts/record-lessons again (as root)
      const shape = (l: typeof lesson) => l.steps.map((s) => `${s.title} · ${s.action.name} ${JSON.stringify(s.action.params)}`);
      expect(shape(rec.lesson), `${lesson.id}: recorded from another version of the lesson; re-record it`).toEqual(shape(lesson));
      const stops = replayStops(rec.lesson, rec.items);
      expect(stops.map((s) => s.state.cursor)).toEqual(lesson.steps.map((_, i) => i).concat(lesson.steps.length));
      expect(stops[stops.length - 1].state.steps.every((r) => r.status === 'done')).toBe(true);
      expect(stops.every((s) => s.state.snapshot !== null)).toBe(true);
    });
  }
});
