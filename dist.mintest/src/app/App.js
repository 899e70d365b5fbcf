import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The app: lesson menu, lesson screen (loaded after the menu is drawn) and help overlay, driven by a LabBackend and its sessions.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { matchFor } from './keys.js';
import { errorText } from './derive.js';
import { HelpOverlay } from './HelpOverlay.js';
import { pressesOf } from './keyChunks.js';
import { lessonScreenIfLoaded, loadLessonScreen } from './lessonScreenLoader.js';
import { Menu, replayInstead, unavailableReason } from './Menu.js';
import { ConsentScreen } from './ConsentScreen.js';
import { Banner } from './Banner.js';
import { Spinner } from './Spinner.js';
import { useTerminalSize } from './useTerminalSize.js';
export function App({ backend, initialLessonId, resumeSession, askConsent = true, onExit, banner, onLessonChange, progress, initialMessage, taskMode = 'workshop' }) {
    const { columns, rows: terminalRows } = useTerminalSize();
    const [screen, setScreen] = useState(() => resumeSession ? { kind: 'lesson', session: resumeSession, id: 0 } : { kind: 'menu' });
    const [help, setHelp] = useState(false);
    const [inShell, setInShell] = useState(false);
    const [message, setMessage] = useState(initialMessage ?? null);
    /** what to do when a pending open() resolves: show it, or close it again */
    const openIntent = useRef(null);
    const exited = useRef(false);
    const mounted = useRef(true);
    const nextId = useRef(1);
    const exit = useCallback(() => {
        if (exited.current)
            return;
        exited.current = true;
        onExit();
    }, [onExit]);
    const closeThen = useCallback((session, after) => {
        setInShell(false);
        setScreen({ kind: 'busy', text: after === 'quit' ? 'Closing the lesson and quitting…' : 'Closing the lesson…' });
        let closing;
        try {
            closing = Promise.resolve(session.close());
        }
        catch (e) {
            closing = Promise.reject(e);
        }
        closing
            .then(() => (after === 'menu' ? setMessage(null) : undefined))
            .catch((e) => setMessage({ level: 'error', text: `Closing the lesson failed: ${errorText(e)}` }))
            .finally(() => {
            if (after === 'quit')
                exit();
            else if (mounted.current)
                setScreen({ kind: 'menu' });
        });
    }, [exit]);
    const open = useCallback(
    /** `startAt`: steps to run once it is open (the menu's Continue), as many → presses would */
    (lesson, consented = false, startAt = 0) => {
        const reason = unavailableReason(backend, lesson);
        // a lesson that cannot run here may have a recording to replay instead (nothing runs: no consent)
        const recorded = reason !== null && replayInstead(backend, lesson);
        if (reason !== null && !recorded) {
            setMessage({ level: 'warn', text: `"${lesson.title}" can't run here: ${reason}` });
            return;
        }
        setMessage(null);
        // a lesson from outside the package asks first, listing what it will do with root
        if (!recorded && !lesson.source.trusted && askConsent && !consented) {
            setScreen({ kind: 'consent', lesson, startAt });
            return;
        }
        setScreen({ kind: 'busy', text: `Opening ${recorded ? 'the recording of ' : ''}"${lesson.title}"… (Esc cancels, q quits)` });
        openIntent.current = 'show';
        let opening;
        try {
            opening = Promise.resolve(recorded ? backend.openRecording(lesson) : backend.open(lesson));
        }
        catch (e) {
            opening = Promise.reject(e);
        }
        // the lesson screen's code loads meanwhile (the menu started it); a session it cannot show is closed
        const screenReady = loadLessonScreen();
        screenReady.catch(() => { });
        opening
            .then((session) => screenReady.then(() => session, (e) => {
            Promise.resolve()
                .then(() => session.close())
                .catch(() => { });
            throw e;
        }))
            .then((session) => {
            const intent = openIntent.current;
            openIntent.current = null;
            if (intent === 'show' && mounted.current) {
                setScreen({ kind: 'lesson', session, id: nextId.current++ });
                // a step that fails stops there and shows on the lesson screen, as after →
                if (startAt > 0 && !recorded)
                    session.jump(startAt).catch(() => { });
            }
            else {
                closeThen(session, intent === 'quit' ? 'quit' : 'menu');
            }
        }, (e) => {
            const intent = openIntent.current;
            openIntent.current = null;
            setMessage({ level: 'error', text: `Could not open "${lesson.title}": ${errorText(e)}` });
            if (intent === 'quit')
                exit();
            else
                setScreen({ kind: 'menu' });
        });
    }, [backend, closeThen, exit, askConsent]);
    // The lesson on screen, for whoever follows it (the notes of `container-lab notes`).
    const shownSession = screen.kind === 'lesson' ? screen.session : null;
    useEffect(() => {
        onLessonChange?.(shownSession);
    }, [onLessonChange, shownSession]);
    // Open the lesson asked for on the command line, once.
    const initialDone = useRef(false);
    useEffect(() => {
        if (initialDone.current || initialLessonId === undefined || resumeSession)
            return;
        initialDone.current = true;
        const lesson = backend.lessons.find((l) => l.id === initialLessonId);
        if (!lesson) {
            setMessage({ level: 'error', text: `There is no lesson "${initialLessonId}".` });
            return;
        }
        open(lesson);
    }, [backend, initialLessonId, resumeSession, open]);
    // Once the menu is on screen, load the lesson screen in the background: the first lesson opens without waiting for it.
    // (A session resumed after a shell waits here for it, if it was not loaded yet.)
    const [, setScreenLoaded] = useState(false);
    useEffect(() => {
        loadLessonScreen().then(() => setScreenLoaded(true), () => { });
    }, []);
    // Unmounting does not close the session: the caller may mount the app again on it
    // (resumeSession) after handing the terminal to a shell, and closes it itself at the end.
    useEffect(() => {
        mounted.current = true;
        return () => {
            mounted.current = false;
        };
    }, []);
    /** Esc and q while a lesson opens: close it once it is open, then show the menu or quit. */
    const cancelOpening = (then) => {
        if (openIntent.current !== 'show')
            return;
        openIntent.current = then;
        setScreen({ kind: 'busy', text: 'Cancelling…' });
    };
    const toMenu = () => {
        if (screen.kind === 'lesson')
            closeThen(screen.session, 'menu');
        else if (screen.kind === 'busy')
            cancelOpening('menu');
    };
    /** q and Ctrl+C, from anywhere: the session is closed first. */
    const quit = () => {
        if (screen.kind === 'lesson')
            closeThen(screen.session, 'quit');
        else if (screen.kind === 'busy')
            cancelOpening('quit');
        else
            exit();
    };
    // One input hook for the whole app, with a stable callback that reads the latest state from
    // refs set at commit: a key pressed right after a screen change reaches the new screen. Keys
    // mean what keys.ts says in the scope on screen (the lesson screen says which of its own it is
    // in: typing a step number, blank, zoomed); the lesson's step keys go to the lesson screen.
    const lessonKeys = useRef(null);
    /** One key press; true when it changed the app's own screen (the rest of a chunk is then dropped). */
    const onKey = (input, key) => {
        // the consent screen reads its own keys: y/Enter goes on, anything else declines
        if (screen.kind === 'consent') {
            if (key.ctrl && input === 'c')
                exit();
            return true;
        }
        const scope = help ? 'help' : screen.kind === 'busy' ? 'opening' : screen.kind === 'lesson' ? (lessonKeys.current?.scope() ?? 'lesson') : screen.kind;
        const match = matchFor(scope, input, key);
        if (!match || match.binding.byList)
            return false; // the lesson list reads its own keys
        const { binding, press } = match;
        if (binding.command === 'quit')
            quit();
        else if (binding.command === 'closeHelp')
            setHelp(false);
        else if (binding.command === 'help')
            setHelp(true);
        else if (binding.command === 'menu')
            toMenu();
        else {
            lessonKeys.current?.onKey(binding, press);
            return false;
        }
        return true;
    };
    const keyRef = useRef(onKey);
    useLayoutEffect(() => {
        keyRef.current = onKey;
    });
    // a chunk of keys (typed fast, pasted) is pressed one key after another
    const stableOnKey = useCallback((input, key) => {
        for (const [one, k] of pressesOf(input, key))
            if (keyRef.current(one, k))
                break;
    }, []);
    useInput(stableOnKey, { isActive: !inShell });
    const LessonScreen = lessonScreenIfLoaded();
    // a replay's banner: the app's own (replay FILE), or a replayed lesson's
    const replay = screen.kind === 'lesson' ? screen.session.replay : undefined;
    const top = banner ?? replay?.banner;
    const rows = top ? Math.max(1, terminalRows - 1) : terminalRows;
    return (_jsxs(Box, { flexDirection: "column", width: columns, children: [top ? _jsx(Banner, { text: top, width: columns }) : null, help ? _jsx(HelpOverlay, { columns: columns, rows: rows, inLesson: screen.kind === 'lesson', replay: top !== undefined }) : null, _jsx(Box, { display: help || screen.kind !== 'menu' ? 'none' : 'flex', flexDirection: "column", width: columns, children: _jsx(Menu, { backend: backend, columns: columns, rows: rows, active: !help && screen.kind === 'menu', message: message, progress: progress?.(), onOpen: (lesson, startAt) => open(lesson, false, startAt) }) }), !help && screen.kind === 'consent' ? (_jsx(ConsentScreen, { title: screen.lesson.title, from: screen.lesson.source.from, steps: screen.lesson.hostEffects, columns: columns, rows: rows, active: true, onAccept: () => open(screen.lesson, true, screen.startAt), onDecline: () => {
                    setMessage({ level: 'info', text: `"${screen.lesson.title}" did not start: it asks before it runs, and the answer was no.` });
                    setScreen({ kind: 'menu' });
                } })) : null, !help && screen.kind === 'busy' ? (_jsx(Text, { wrap: "truncate-end", children: _jsx(Spinner, { label: screen.text }, screen.text) })) : null, screen.kind === 'lesson' && !LessonScreen && !help ? _jsx(Spinner, { label: "Loading the lesson screen\u2026" }) : null, screen.kind === 'lesson' && LessonScreen ? (_jsx(Box, { display: help ? 'none' : 'flex', flexDirection: "column", width: columns, children: _jsx(LessonScreen, { session: screen.session, columns: columns, rows: rows, keysRef: lessonKeys, onShellChange: setInShell, taskMode: taskMode }, screen.id) })) : null] }));
}
