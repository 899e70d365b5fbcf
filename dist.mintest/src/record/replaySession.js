import { replayStops, statesBetween } from './stops.js';
import { replayBanner } from './banner.js';
/** The longest the way from one stop to the next is played (the recorded pace, faster when it was longer). */
export const PLAY_CAP_MS = 1000;
export const NO_SHELL_NOTICE = 'this is a replay: there is no container to open a shell in (nothing here runs)';
export class ReplaySession {
    recording;
    options;
    stops;
    replay;
    index = 0;
    state;
    listeners = new Set();
    playing = null;
    constructor(recording, options = {}) {
        this.recording = recording;
        this.options = options;
        const notice = options.notice;
        this.stops = replayStops(recording.lesson, recording.items).map((s) => (notice && !s.state.notice ? { ...s, state: { ...s.state, notice } } : s));
        this.replay = { banner: replayBanner(recording.meta) };
        this.state = this.stops[0].state;
    }
    getState = () => this.state;
    subscribe = (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };
    /** Which stop is on screen (0: the lesson before its first step). */
    get stopIndex() {
        return this.index;
    }
    show(state) {
        this.state = state;
        for (const l of [...this.listeners])
            l();
    }
    /** Ends a way being played at its stop. */
    settle() {
        const p = this.playing;
        if (!p)
            return;
        this.playing = null;
        (this.options.clearTimer ?? clearTimeout)(p.timer);
        p.finish();
    }
    goTo(index) {
        this.settle();
        this.index = Math.max(0, Math.min(this.stops.length - 1, index));
        this.show(this.stops[this.index].state);
    }
    async next() {
        this.settle();
        if (this.index >= this.stops.length - 1)
            return;
        const from = this.stops[this.index];
        const to = this.stops[this.index + 1];
        this.index++;
        if (this.options.play === false)
            return this.show(to.state);
        // the recorded way there from where work started (the wait before it is the presenter's talk)
        const all = statesBetween(this.recording.lesson, this.recording.items, from, to);
        const start = all.findIndex((s) => s.state.busy);
        const way = start < 0 ? [] : all.slice(start);
        if (way.length === 0)
            return this.show(to.state);
        const span = Math.max(1e-6, this.timeOf(to) - way[0].t);
        const scale = Math.min(1, PLAY_CAP_MS / (span * 1000));
        const set = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
        await new Promise((resolve) => {
            let k = 0;
            const step = () => {
                if (k >= way.length) {
                    this.playing = null;
                    this.show(to.state);
                    resolve();
                    return;
                }
                // busy until the stop: the keys wait, and the screen says something is under way
                this.show({ ...way[k].state, busy: true });
                const nextT = k + 1 < way.length ? way[k + 1].t : this.timeOf(to);
                const ms = Math.max(0, (nextT - way[k].t) * 1000 * scale);
                k++;
                this.playing = { timer: set(step, ms), finish: () => (this.show(to.state), resolve()) };
            };
            step();
        });
    }
    /** When a stop's last event was recorded. */
    timeOf(stop) {
        const item = this.recording.items[stop.at];
        return item ? item.t : 0;
    }
    async back() {
        this.goTo(this.index - 1);
    }
    async reset() {
        this.goTo(0);
    }
    /** To the stop whose state has `cursor` steps done: the next such after this one, else the first; the last stop when none has. */
    async jump(cursor) {
        if (cursor === this.state.cursor && !this.playing)
            return;
        const has = (i) => this.stops[i].state.cursor === cursor;
        const order = [...this.stops.keys()];
        const found = order.slice(this.index + 1).find(has) ?? order.find(has);
        if (found !== undefined)
            this.goTo(found);
        else if (cursor > this.state.cursor)
            this.goTo(this.stops.length - 1);
        else
            this.goTo(0);
    }
    async shell() {
        this.show({ ...this.state, notice: NO_SHELL_NOTICE });
    }
    /** A replay has no tasks. */
    hint() { }
    skipTask() { }
    async close() {
        this.settle();
    }
}
