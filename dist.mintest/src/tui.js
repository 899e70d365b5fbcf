import { jsx as _jsx } from "react/jsx-runtime";
import { render } from 'ink';
import { existsSync, openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { App } from './app/App.js';
import { teeStdout } from './record/screenTee.js';
const ALT_SCREEN_ON = '\u001B[?1049h\u001B[H';
const ALT_SCREEN_OFF = '\u001B[?1049l';
export async function startTui(opts) {
    const tty = existsSync('/dev/tty') ? '/dev/tty' : undefined;
    let instance = null;
    let finish = () => { };
    const finished = new Promise((resolve) => {
        finish = resolve;
    });
    /**
     * Ink reads the keyboard from a terminal stream of its own, made anew at each mount. A paused
     * Node stream keeps reading its fd underneath (until its buffer fills), so while a shell has
     * the terminal the only way to leave every keystroke to the shell is to close our stream.
     */
    let keyboard = null;
    const openKeyboard = () => {
        if (!tty)
            return process.stdin;
        keyboard = new ReadStream(openSync(tty, 'r'));
        return keyboard;
    };
    const closeKeyboard = () => {
        keyboard?.setRawMode(false);
        keyboard?.destroy();
        keyboard = null;
    };
    // `container-lab notes` follows the lesson on screen through a socket, started once the menu is drawn
    let shown = null;
    let notes = null;
    let notesStarting = null;
    /** set once the app closes: what starts after the first frame starts no more */
    let closing = false;
    const onLessonChange = (session) => {
        shown = session;
        notes?.follow(session);
        opts.progress?.follow(session);
    };
    const tracker = opts.progress;
    const progress = tracker ? () => tracker.reached() : undefined;
    // said on the first menu only
    let menuNotice = opts.menuNotice ?? null;
    const mount = (resume) => {
        const notice = menuNotice;
        menuNotice = null;
        return render(_jsx(App, { backend: backend, initialLessonId: resume ? undefined : opts.initialLessonId, askConsent: !opts.trustLessons, resumeSession: resume ?? undefined, onExit: () => finish(), banner: opts.banner, onLessonChange: onLessonChange, taskMode: opts.taskMode, progress: progress, initialMessage: notice === null ? null : { level: 'warn', text: notice } }), 
        // Ink 6.8's incrementalRendering leaves stale lines on this full-screen frame (measured: the
        // old header and next-step lines stay); its default rewrite is kept, drawn up to 60 times a second
        { exitOnCtrlC: false, stdin: openKeyboard(), maxFps: 60 });
    };
    const terminal = {
        async run(fn) {
            // Ink reads stdin in raw mode; unmounting gives the terminal back so only the shell reads it.
            instance?.unmount();
            instance = null;
            closeKeyboard();
            process.stdout.write(ALT_SCREEN_OFF + '\ncontainer-lab: a shell inside the container. Type exit (or Ctrl-D) to come back.\n\n');
            const ignore = () => { };
            process.on('SIGINT', ignore); // Ctrl-C goes to the whole foreground group: it is the shell's
            try {
                return await fn();
            }
            finally {
                process.off('SIGINT', ignore);
                process.stdout.write(ALT_SCREEN_ON);
                instance = mount(backend.current);
            }
        },
    };
    const helperReady = opts.helperReady ?? Promise.resolve();
    const backend = opts.backend(terminal, tty);
    let failure = null;
    helperReady.catch((error) => {
        failure = error;
        finish();
    });
    const stop = () => finish();
    process.on('SIGTERM', stop);
    process.on('SIGHUP', stop);
    const untee = opts.record ? teeStdout(process.stdout, opts.record) : () => { };
    process.stdout.write(ALT_SCREEN_ON);
    try {
        instance = mount();
        // the menu is on screen (Ink draws the first frame in render): the helper starts and the session's code loads behind it
        setImmediate(() => {
            // A q read in the same turn of the event loop as the first frame (input is polled before
            // setImmediate runs) has already closed the app: nothing may start now, or a notes socket
            // nobody closes would keep the process alive.
            if (closing)
                return;
            opts.startHelper?.();
            backend.preload?.();
            // no notes socket (an unwritable state directory) costs the lesson nothing: the viewer keeps waiting
            if (opts.notes) {
                notesStarting = opts.notes().then((server) => {
                    notes = server;
                    server.follow(shown);
                    return server;
                }, () => null);
            }
        });
        await finished;
    }
    finally {
        closing = true;
        instance?.unmount();
        closeKeyboard();
        process.stdout.write(ALT_SCREEN_OFF);
        untee();
        opts.progress?.close();
        process.off('SIGTERM', stop);
        process.off('SIGHUP', stop);
        const server = await notesStarting;
        server?.follow(null);
        await server?.close();
        await backend.current?.close();
    }
    if (failure)
        throw failure;
}
