import { ReplayBackend } from './record/replayBackend.js';
import { replayBanner } from './record/banner.js';
import { loadLessonScreen } from './app/lessonScreenLoader.js';
// the lesson opens at once: its screen's code (marked, the panels) loads while the rest starts
const screen = loadLessonScreen();
screen.catch(() => { }); // a failure shows when the lesson opens
const tui = import('./tui.js');
export async function runReplay(recording) {
    const { startTui } = await tui;
    await startTui({
        backend: () => new ReplayBackend(recording),
        initialLessonId: recording.lesson.id,
        // nothing runs: there is nothing to consent to
        trustLessons: true,
        banner: replayBanner(recording.meta),
        // `container-lab notes` follows a replay as it follows a live lesson (a presenter's fallback)
        notes: async () => (await import('./presenter/notesServer.js')).NotesServer.start(),
    });
}
