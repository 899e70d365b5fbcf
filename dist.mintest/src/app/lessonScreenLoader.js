let loaded = null;
let loading = null;
/** The lesson screen's component once loadLessonScreen has resolved, else null. */
export function lessonScreenIfLoaded() {
    return loaded;
}
/** Starts (or joins) loading the lesson screen's module; the app calls it once the menu is on screen. */
export function loadLessonScreen() {
    loading ??= import('./LessonScreen.js').then((m) => (loaded = m.LessonScreen), (error) => {
        loading = null; // the next lesson opened tries again
        throw error;
    });
    return loading;
}
