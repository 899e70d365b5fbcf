// The places a replay stops at: the lesson before its first step, then the state after each step (or undo) and the kernel read after it.
import { initialState, reduce } from '../lesson/reducer.js';
/** A replay draws what was, never a running step or an open shell (a shell would take the keys). */
function settled(state) {
    return { ...state, busy: false, activity: null, inShell: false };
}
const quiet = (s) => !s.busy && s.activity === null;
/**
 * Walks the recorded events through the reducer. A stop is taken when something changed the
 * steps (a step finished, an undo rewound, an error) and then the kernel was read with nothing
 * running; when no read follows (the state was unchanged, so none was recorded), the state just
 * before the next work starts, or at the end. Each "open" starts the lesson's state again.
 */
export function replayStops(lesson, items) {
    const stops = [];
    let state = initialState(lesson, false);
    let dirty = true;
    const take = (at) => {
        stops.push({ state: settled(state), at });
        dirty = false;
    };
    items.forEach((item, i) => {
        if (item.kind === 'open') {
            if (dirty && i > 0)
                take(i - 1);
            state = initialState(lesson, false);
            dirty = true;
            return;
        }
        const e = item.event;
        const startsWork = e.type === 'step-started' || (e.type === 'activity' && e.busy);
        if (startsWork && dirty && quiet(state))
            take(i - 1);
        state = reduce(state, e);
        if (e.type === 'step-finished' || e.type === 'rewound' || e.type === 'error')
            dirty = true;
        if (e.type === 'snapshot' && dirty && quiet(state))
            take(i);
    });
    if (dirty || stops.length === 0)
        take(items.length - 1);
    return stops;
}
/** The states between two stops, as they were recorded, for playing the way from one to the next. */
export function statesBetween(lesson, items, from, to) {
    const out = [];
    let state = from.state;
    for (let i = from.at + 1; i < to.at; i++) {
        const item = items[i];
        state = item.kind === 'open' ? initialState(lesson, false) : reduce(state, item.event);
        out.push({ t: item.t, state: { ...state, inShell: false } });
    }
    return out;
}
