// The helper's app is gone: the step in flight stops waiting (its programs are killed, a daemon's start is not awaited) so the close begins at once.
const controller = new AbortController();
/** Aborted once the helper's stdin has closed (the app quit or died) or it was told to end. */
export const closing = controller.signal;
export function startClosing() {
    controller.abort();
}
