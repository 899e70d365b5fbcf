// `replay FILE`: the app on a recording's states, the lesson open at once and the banner on every screen; no helper, no kernel calls.
import type { Recording } from './record/reader.js';
import { ReplayBackend } from './record/replayBackend.js';
import { replayBanner } from './record/banner.js';

export async function runReplay(recording: Recording): Promise<void> {
  const { startTui } = await import('./tui.js');
  await startTui({
    backend: () => new ReplayBackend(recording),
    initialLessonId: recording.lesson.id,
    // nothing runs: there is nothing to consent to
    trustLessons: true,
    banner: replayBanner(recording.meta),
  });
}
