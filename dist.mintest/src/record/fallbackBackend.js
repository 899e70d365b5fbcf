import { readRecording } from './reader.js';
import { ReplaySession } from './replaySession.js';
import { recordingFor } from './shipped.js';
/** The reason the live lesson cannot run, as the replay's notice says it. */
export const whyReplayed = (reason) => `a recording: the live lesson can't run here (${reason})`;
/**
 * Adds to a live backend the two hooks the app asks (LabBackend.hasRecording, openRecording):
 * a lesson the live backend refuses, with a shipped recording, opens as a ReplaySession.
 */
export function withRecordings(live, recordings) {
    const hasRecording = (lesson) => recordingFor(recordings, lesson) !== null && live.unavailable(lesson) !== null;
    const openRecording = async (lesson) => {
        const path = recordingFor(recordings, lesson);
        const reason = live.unavailable(lesson);
        if (!path || reason === null)
            throw new Error(`"${lesson.title}" has no recording to replay`);
        const recording = readRecording(path);
        if (recording.lesson.id !== lesson.id)
            throw new Error(`${path} holds "${recording.lesson.title}", not "${lesson.title}"`);
        return new ReplaySession(recording, { notice: whyReplayed(reason) });
    };
    return Object.assign(live, { hasRecording, openRecording });
}
