// Loads the lesson screen (slides with marked-terminal, the panels) on first need: the menu is drawn without it.
import type { LessonScreen } from './LessonScreen.js';

let loaded: typeof LessonScreen | null = null;
let loading: Promise<typeof LessonScreen> | null = null;

/** The lesson screen's component once loadLessonScreen has resolved, else null. */
export function lessonScreenIfLoaded(): typeof LessonScreen | null {
  return loaded;
}

/** Starts (or joins) loading the lesson screen's module; the app calls it once the menu is on screen. */
export function loadLessonScreen(): Promise<typeof LessonScreen> {
  loading ??= import('./LessonScreen.js').then(
    (m) => (loaded = m.LessonScreen),
    (error: unknown) => {
      loading = null; // the next lesson opened tries again
      throw error;
    },
  );
  return loading;
}
