// The app: lesson menu, lesson screen (loaded after the menu is drawn) and help overlay, driven by a LabBackend and its sessions.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Box, Text, useInput, type Key } from 'ink';
import { matchFor, type KeyScope } from './keys.js';
import type { LabBackend, Lesson, LessonReached, LessonSession } from '../types.js';
import { errorText } from './derive.js';
import { HelpOverlay } from './HelpOverlay.js';
import { pressesOf } from './keyChunks.js';
import type { LessonKeys } from './LessonScreen.js';
import type { TaskMode } from './taskLines.js';
import { lessonScreenIfLoaded, loadLessonScreen } from './lessonScreenLoader.js';
import { Menu, replayInstead, unavailableReason, type MenuMessage } from './Menu.js';
import { ConsentScreen } from './ConsentScreen.js';
import { Banner } from './Banner.js';
import { Spinner } from './Spinner.js';
import { useTerminalSize } from './useTerminalSize.js';

export interface AppProps {
  backend: LabBackend;
  /** open this lesson straight away instead of showing the menu first */
  initialLessonId?: string;
  /**
   * start on this already-open session (e.g. after the terminal was handed to a shell and the
   * app mounted again); initialLessonId is then ignored
   */
  resumeSession?: LessonSession;
  /** ask before a lesson from outside the package opens (false with --trust-lessons) */
  askConsent?: boolean;
  /** called once the user quits and any open session is closed; the caller unmounts Ink */
  onExit: () => void;
  /** a line on top of every screen that never goes away (a replay's "REPLAY — …"); the screens get the rows below it */
  banner?: readonly string[];
  /** told of the lesson on screen each time it changes: a session, or null (the menu, a lesson opening or closing) */
  onLessonChange?: (session: LessonSession | null) => void;
  /** --mode: workshop (tasks show, → goes on), study (→ waits for a step's tasks), present (no tasks) */
  taskMode?: TaskMode;
  /** how far the learner got in each lesson (the live app's saved progress), read each time the menu draws */
  progress?: () => ReadonlyMap<string, LessonReached>;
  /** a line the menu shows first (e.g. a progress file that had to be set aside) */
  initialMessage?: MenuMessage | null;
}

type Screen =
  | { kind: 'menu' }
  | { kind: 'busy'; text: string }
  | { kind: 'consent'; lesson: Lesson; startAt: number }
  | { kind: 'lesson'; session: LessonSession; id: number };

export function App({ backend, initialLessonId, resumeSession, askConsent = true, onExit, banner, onLessonChange, progress, initialMessage, taskMode = 'workshop' }: AppProps) {
  const { columns, rows: terminalRows } = useTerminalSize();
  const [screen, setScreen] = useState<Screen>(() =>
    resumeSession ? { kind: 'lesson', session: resumeSession, id: 0 } : { kind: 'menu' },
  );
  const [help, setHelp] = useState(false);
  const [inShell, setInShell] = useState(false);
  const [message, setMessage] = useState<MenuMessage | null>(initialMessage ?? null);

  /** what to do when a pending open() resolves: show it, or close it again */
  const openIntent = useRef<'show' | 'menu' | 'quit' | null>(null);
  const exited = useRef(false);
  const mounted = useRef(true);
  const nextId = useRef(1);

  const exit = useCallback(() => {
    if (exited.current) return;
    exited.current = true;
    onExit();
  }, [onExit]);

  const closeThen = useCallback(
    (session: LessonSession, after: 'menu' | 'quit') => {
      setInShell(false);
      setScreen({ kind: 'busy', text: after === 'quit' ? 'Closing the lesson and quitting…' : 'Closing the lesson…' });
      let closing: Promise<void>;
      try {
        closing = Promise.resolve(session.close());
      } catch (e) {
        closing = Promise.reject(e);
      }
      closing
        .then(() => (after === 'menu' ? setMessage(null) : undefined))
        .catch((e: unknown) => setMessage({ level: 'error', text: `Closing the lesson failed: ${errorText(e)}` }))
        .finally(() => {
          if (after === 'quit') exit();
          else if (mounted.current) setScreen({ kind: 'menu' });
        });
    },
    [exit],
  );

  const open = useCallback(
    /** `startAt`: steps to run once it is open (the menu's Continue), as many → presses would */
    (lesson: Lesson, consented = false, startAt = 0) => {
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
      let opening: Promise<LessonSession>;
      try {
        opening = Promise.resolve(recorded ? backend.openRecording!(lesson) : backend.open(lesson));
      } catch (e) {
        opening = Promise.reject(e);
      }
      // the lesson screen's code loads meanwhile (the menu started it); a session it cannot show is closed
      const screenReady = loadLessonScreen();
      screenReady.catch(() => {});
      opening
        .then((session) =>
          screenReady.then(
            () => session,
            (e: unknown) => {
              Promise.resolve()
                .then(() => session.close())
                .catch(() => {});
              throw e;
            },
          ),
        )
        .then(
        (session) => {
          const intent = openIntent.current;
          openIntent.current = null;
          if (intent === 'show' && mounted.current) {
            setScreen({ kind: 'lesson', session, id: nextId.current++ });
            // a step that fails stops there and shows on the lesson screen, as after →
            if (startAt > 0 && !recorded) session.jump(startAt).catch(() => {});
          } else {
            closeThen(session, intent === 'quit' ? 'quit' : 'menu');
          }
        },
        (e: unknown) => {
          const intent = openIntent.current;
          openIntent.current = null;
          setMessage({ level: 'error', text: `Could not open "${lesson.title}": ${errorText(e)}` });
          if (intent === 'quit') exit();
          else setScreen({ kind: 'menu' });
        },
      );
    },
    [backend, closeThen, exit, askConsent],
  );

  // The lesson on screen, for whoever follows it (the notes of `container-lab notes`).
  const shownSession = screen.kind === 'lesson' ? screen.session : null;
  useEffect(() => {
    onLessonChange?.(shownSession);
  }, [onLessonChange, shownSession]);

  // Open the lesson asked for on the command line, once.
  const initialDone = useRef(false);
  useEffect(() => {
    if (initialDone.current || initialLessonId === undefined || resumeSession) return;
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
    loadLessonScreen().then(
      () => setScreenLoaded(true),
      () => {}, // a failure shows when a lesson opens
    );
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
  const cancelOpening = (then: 'menu' | 'quit'): void => {
    if (openIntent.current !== 'show') return;
    openIntent.current = then;
    setScreen({ kind: 'busy', text: 'Cancelling…' });
  };
  const toMenu = (): void => {
    if (screen.kind === 'lesson') closeThen(screen.session, 'menu');
    else if (screen.kind === 'busy') cancelOpening('menu');
  };
  /** q and Ctrl+C, from anywhere: the session is closed first. */
  const quit = (): void => {
    if (screen.kind === 'lesson') closeThen(screen.session, 'quit');
    else if (screen.kind === 'busy') cancelOpening('quit');
    else exit();
  };

  // One input hook for the whole app, with a stable callback that reads the latest state from
  // refs set at commit: a key pressed right after a screen change reaches the new screen. Keys
  // mean what keys.ts says in the scope on screen (the lesson screen says which of its own it is
  // in: typing a step number, blank, zoomed); the lesson's step keys go to the lesson screen.
  const lessonKeys = useRef<LessonKeys | null>(null);
  /** One key press; true when it changed the app's own screen (the rest of a chunk is then dropped). */
  const onKey = (input: string, key: Key): boolean => {
    // the consent screen reads its own keys: y/Enter goes on, anything else declines
    if (screen.kind === 'consent') {
      if (key.ctrl && input === 'c') exit();
      return true;
    }
    const scope: KeyScope = help ? 'help' : screen.kind === 'busy' ? 'opening' : screen.kind === 'lesson' ? (lessonKeys.current?.scope() ?? 'lesson') : screen.kind;
    const match = matchFor(scope, input, key);
    if (!match || match.binding.byList) return false; // the lesson list reads its own keys
    const { binding, press } = match;
    if (binding.command === 'quit') quit();
    else if (binding.command === 'closeHelp') setHelp(false);
    else if (binding.command === 'help') setHelp(true);
    else if (binding.command === 'menu') toMenu();
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
  const stableOnKey = useCallback((input: string, key: Key) => {
    for (const [one, k] of pressesOf(input, key)) if (keyRef.current(one, k)) break;
  }, []);
  useInput(stableOnKey, { isActive: !inShell });
  const LessonScreen = lessonScreenIfLoaded();
  // a replay's banner: the app's own (replay FILE), or a replayed lesson's
  const replay = screen.kind === 'lesson' ? screen.session.replay : undefined;
  const top = banner ?? replay?.banner;
  const rows = top ? Math.max(1, terminalRows - 1) : terminalRows;

  return (
    <Box flexDirection="column" width={columns}>
      {top ? <Banner text={top} width={columns} /> : null}
      {help ? <HelpOverlay columns={columns} rows={rows} inLesson={screen.kind === 'lesson'} replay={top !== undefined} /> : null}
      <Box display={help || screen.kind !== 'menu' ? 'none' : 'flex'} flexDirection="column" width={columns}>
        <Menu
          backend={backend}
          columns={columns}
          rows={rows}
          active={!help && screen.kind === 'menu'}
          message={message}
          progress={progress?.()}
          onOpen={(lesson, startAt) => open(lesson, false, startAt)}
        />
      </Box>
      {!help && screen.kind === 'consent' ? (
        <ConsentScreen
          title={screen.lesson.title}
          from={screen.lesson.source.from}
          steps={screen.lesson.hostEffects}
          columns={columns}
          rows={rows}
          active
          onAccept={() => open(screen.lesson, true, screen.startAt)}
          onDecline={() => {
            setMessage({ level: 'info', text: `"${screen.lesson.title}" did not start: it asks before it runs, and the answer was no.` });
            setScreen({ kind: 'menu' });
          }}
        />
      ) : null}
      {!help && screen.kind === 'busy' ? (
        <Text wrap="truncate-end">
          <Spinner key={screen.text} label={screen.text} />
        </Text>
      ) : null}
      {screen.kind === 'lesson' && !LessonScreen && !help ? <Spinner label="Loading the lesson screen…" /> : null}
      {screen.kind === 'lesson' && LessonScreen ? (
        <Box display={help ? 'none' : 'flex'} flexDirection="column" width={columns}>
          <LessonScreen
            key={screen.id}
            session={screen.session}
            columns={columns}
            rows={rows}
            keysRef={lessonKeys}
            onShellChange={setInShell}
            taskMode={taskMode}
          />
        </Box>
      ) : null}
    </Box>
  );
}
