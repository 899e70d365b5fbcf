import { whyUnavailable } from './availability.js';
import { probeHost } from '../observe/host/probe.js';
/** The session's code (the step runner, the helper protocol, zod, tar): the menu does not need it. */
let sessionModule = null;
const loadSession = () => (sessionModule ??= import('./liveSession.js'));
export class LiveBackend {
    lessons;
    loadErrors;
    privilegeNote;
    helper;
    mode;
    terminal;
    tty;
    hostDocker;
    helperReady;
    host;
    listen;
    sessionOptions;
    current = null;
    constructor(lessons, loadErrors, privilegeNote, 
    /** the helper process, null until it is started (after the menu is drawn) */
    helper, mode, terminal, tty, hostDocker = null, 
    /** settles once the helper answered and swept: the menu shows before, a lesson opens after */
    helperReady = Promise.resolve(), 
    /** what the host blocks, read once: the menu marks the lessons it stops before they are opened */
    host = probeHost(), 
    /** told of each lesson opened; what it returns hears the session's events (--record) */
    listen, 
    /** --mode present: tasks hidden and never checked */
    sessionOptions = {}) {
        this.lessons = lessons;
        this.loadErrors = loadErrors;
        this.privilegeNote = privilegeNote;
        this.helper = helper;
        this.mode = mode;
        this.terminal = terminal;
        this.tty = tty;
        this.hostDocker = hostDocker;
        this.helperReady = helperReady;
        this.host = host;
        this.listen = listen;
        this.sessionOptions = sessionOptions;
    }
    unavailable(lesson) {
        const reason = whyUnavailable(lesson, { mode: this.mode, hostDocker: this.hostDocker, host: this.host });
        if (reason)
            return reason;
        if (this.helper()?.alive === false)
            return 'the helper process has exited: restart container-lab';
        return null;
    }
    /** Loads the session's code in the background, once the menu is on screen. */
    preload() {
        loadSession().catch(() => { }); // a failure shows when a lesson opens
    }
    async open(lesson) {
        const reason = this.unavailable(lesson);
        if (reason)
            throw new Error(reason);
        const [{ LiveSession }] = await Promise.all([loadSession(), this.helperReady]);
        const helper = this.helper();
        if (!helper)
            throw new Error('the helper process has not started');
        this.current = await LiveSession.open(helper, lesson, { ...this.sessionOptions, terminal: this.terminal, tty: this.tty, onEvent: this.listen?.(lesson) });
        return this.current;
    }
}
