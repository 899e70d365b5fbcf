// Opens the interactive app: starts the helper while Ink and React load and the menu is drawn, then runs the app until it quits.
import { HelperClient, type HelperMode } from './helper/client.js';
import type { Lesson, LessonLoadError } from './types.js';

export interface OpenAppOptions {
  lessons: Lesson[];
  loadErrors: LessonLoadError[];
  privilegeNote: string | null;
  mode: HelperMode;
  helperArgs: string[];
  hostDocker: string | null;
  initialLessonId?: string;
  trustLessons: boolean;
}

export async function openApp(o: OpenAppOptions): Promise<void> {
  // React's development build is several times slower to render; this is not a development run.
  process.env.NODE_ENV ??= 'production';
  // The helper starts in its own process while Ink and React load here (the other commands
  // never load them): the two costs overlap on a multi-core machine.
  const helper = HelperClient.start(o.mode, 'ignore', o.helperArgs);
  const tui = import('./tui.js');
  // The menu needs no helper: it is drawn while the helper starts; a lesson opens once it is ready.
  const helperReady = helper.hello().then(() => helper.sweep()).catch((error: unknown) => {
    throw new Error(`the lab's helper process did not start: ${(error as Error).message}`);
  });
  helperReady.catch(() => {}); // handled by the app, which may load after a fast failure
  const { startTui } = await tui;
  await startTui({ lessons: o.lessons, loadErrors: o.loadErrors, privilegeNote: o.privilegeNote, helper, mode: o.mode, hostDocker: o.hostDocker, initialLessonId: o.initialLessonId, trustLessons: o.trustLessons, helperReady });
  await helper.stop();
}
