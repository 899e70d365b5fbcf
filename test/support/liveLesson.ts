// Opens a lesson on a real root helper for a describe block, and closes both after it.
import { afterAll, beforeAll } from 'vitest';
import { HelperClient } from '../../src/helper/client.js';
import { LiveSession, type LiveSessionOptions } from '../../src/lesson/liveSession.js';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir } from '../../src/sys/packageRoot.js';
import type { Lesson } from '../../src/types.js';

export interface LiveLesson {
  lesson: Lesson;
  helper: HelperClient;
  session: LiveSession;
}

/** Call inside a describe: the returned object is filled in by beforeAll (`options` beyond sampleMs 0 go to the session). */
export function useLiveLesson(id: string, options: LiveSessionOptions = {}): LiveLesson {
  const lesson = loadLessons(lessonsDir()).lessons.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  const live = { lesson } as LiveLesson;
  beforeAll(async () => {
    live.helper = HelperClient.start('root', 'inherit');
    live.session = await LiveSession.open(live.helper, lesson, { sampleMs: 0, ...options });
  });
  afterAll(async () => {
    await live.session?.close();
    await live.helper?.stop();
  });
  return live;
}
