// The live backend with the shipped recordings beside it: a lesson that cannot run here opens as its replay, labelled, saying why.
import type { Lesson, LessonSession } from '../types.js';
import { recordingFor } from './shipped.js';

/** What the fallback needs of the live backend (LiveBackend and the app's TuiBackend have it). */
export interface LiveLike {
  lessons: Lesson[];
  unavailable(lesson: Lesson): string | null;
}

/** The reason the live lesson cannot run, as the replay's notice says it. */
export const whyReplayed = (reason: string) => `a recording: the live lesson can't run here (${reason})`;

/**
 * Adds to a live backend the two hooks the app asks (LabBackend.hasRecording, openRecording):
 * a lesson the live backend refuses, with a shipped recording, opens as a ReplaySession.
 */
export function withRecordings<B extends LiveLike>(live: B, recordings: Map<string, string>): B & { hasRecording(lesson: Lesson): boolean; openRecording(lesson: Lesson): Promise<LessonSession> } {
  const hasRecording = (lesson: Lesson): boolean => recordingFor(recordings, lesson) !== null && live.unavailable(lesson) !== null;
  const openRecording = async (lesson: Lesson): Promise<LessonSession> => {
    const path = recordingFor(recordings, lesson);
    const reason = live.unavailable(lesson);
    if (!path || reason === null) throw new Error(`"${lesson.title}" has no recording to replay`);
    // loaded when a replay opens: the reader's schema (zod) need not load before the menu's first frame
    const [{ readRecording }, { ReplaySession }] = await Promise.all([import('./reader.js'), import('./replaySession.js')]);
    const recording = readRecording(path);
    if (recording.lesson.id !== lesson.id) throw new Error(`${path} holds "${recording.lesson.title}", not "${lesson.title}"`);
    return new ReplaySession(recording, { notice: whyReplayed(reason) });
  };
  return Object.assign(live, { hasRecording, openRecording });
}
