// Runs the Ink app full-screen, and hands the terminal to a shell inside the container when asked.
import React from 'react';
import { render, type Instance } from 'ink';
import { existsSync, openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { App } from './app/App.js';
import type { TerminalHandover } from './lesson/liveSession.js';
import type { LabBackend, LessonReached, LessonSession } from './types.js';
import type { NotesServer } from './presenter/notesServer.js';
import { teeStdout, type ScreenRecorder } from './record/screenTee.js';
import type { TaskMode } from './app/taskLines.js';

/** A backend the app runs on; `current` is the open session, resumed after a shell and closed at the end. */
export interface TuiBackend extends LabBackend {
  current: LessonSession | null;
  /** loads what opening a lesson needs, once the menu is on screen */
  preload?(): void;
}

export interface TuiOptions {
  /** the live backend (openApp makes it) or a replay's, given the terminal handover and the tty a shell gets */
  backend: (terminal: TerminalHandover, tty: string | undefined) => TuiBackend;
  /** starts the helper (once the menu is on screen; again is a no-op) */
  startHelper?: () => void;
  initialLessonId?: string;
  /** --trust-lessons: the user consented up front, lessons from elsewhere open without the question */
  trustLessons?: boolean;
  /** the helper's hello and sweep: the menu is drawn meanwhile; if it fails, the app ends with its error */
  helperReady?: Promise<unknown>;
  /** a line on top of every screen (a replay's banner) */
  banner?: readonly string[];
  /** starts the socket `container-lab notes` follows (the live app's; replay FILE has none: it keeps off the lab's state directory) */
  notes?: () => Promise<NotesServer>;
  /** --record: what is written to the terminal, and its sizes */
  record?: ScreenRecorder;
  /** --mode: how tasks show */
  taskMode?: TaskMode;
  /** told of the lesson on screen (the live app's progress tracker), and how far each lesson got for the menu; closed once the app quits */
  progress?: { follow(session: LessonSession | null): void; close(): void; reached(): ReadonlyMap<string, LessonReached> };
  /** a line the menu shows when the app opens (a progress file set aside) */
  menuNotice?: string | null;
}

const ALT_SCREEN_ON = '\u001B[?1049h\u001B[H';
const ALT_SCREEN_OFF = '\u001B[?1049l';

export async function startTui(opts: TuiOptions): Promise<void> {
  const tty = existsSync('/dev/tty') ? '/dev/tty' : undefined;
  let instance: Instance | null = null;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  /**
   * Ink reads the keyboard from a terminal stream of its own, made anew at each mount. A paused
   * Node stream keeps reading its fd underneath (until its buffer fills), so while a shell has
   * the terminal the only way to leave every keystroke to the shell is to close our stream.
   */
  let keyboard: ReadStream | null = null;
  const openKeyboard = (): NodeJS.ReadStream => {
    if (!tty) return process.stdin;
    keyboard = new ReadStream(openSync(tty, 'r'));
    return keyboard as unknown as NodeJS.ReadStream;
  };
  const closeKeyboard = () => {
    keyboard?.setRawMode(false);
    keyboard?.destroy();
    keyboard = null;
  };

  // `container-lab notes` follows the lesson on screen through a socket, started once the menu is drawn
  let shown: LessonSession | null = null;
  let notes: NotesServer | null = null;
  let notesStarting: Promise<NotesServer | null> | null = null;
  /** set once the app closes: what starts after the first frame starts no more */
  let closing = false;
  const onLessonChange = (session: LessonSession | null) => {
    shown = session;
    notes?.follow(session);
    opts.progress?.follow(session);
  };

  const tracker = opts.progress;
  const progress = tracker ? () => tracker.reached() : undefined;
  // said on the first menu only
  let menuNotice = opts.menuNotice ?? null;
  const mount = (resume?: LessonSession | null) => {
    const notice = menuNotice;
    menuNotice = null;
    return render(
      <App
        backend={backend}
        initialLessonId={resume ? undefined : opts.initialLessonId}
        askConsent={!opts.trustLessons}
        resumeSession={resume ?? undefined}
        onExit={() => finish()}
        banner={opts.banner}
        onLessonChange={onLessonChange}
        taskMode={opts.taskMode}
        progress={progress}
        initialMessage={notice === null ? null : { level: 'warn', text: notice }}
      />,
      // Ink 6.8's incrementalRendering leaves stale lines on this full-screen frame (measured: the
      // old header and next-step lines stay); its default rewrite is kept, drawn up to 60 times a second
      { exitOnCtrlC: false, stdin: openKeyboard(), maxFps: 60 },
    );
  };

  const terminal: TerminalHandover = {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      // Ink reads stdin in raw mode; unmounting gives the terminal back so only the shell reads it.
      instance?.unmount();
      instance = null;
      closeKeyboard();
      process.stdout.write(ALT_SCREEN_OFF + '\ncontainer-lab: a shell inside the container. Type exit (or Ctrl-D) to come back.\n\n');
      const ignore = () => {};
      process.on('SIGINT', ignore); // Ctrl-C goes to the whole foreground group: it is the shell's
      try {
        return await fn();
      } finally {
        process.off('SIGINT', ignore);
        process.stdout.write(ALT_SCREEN_ON);
        instance = mount(backend.current);
      }
    },
  };

  const helperReady = opts.helperReady ?? Promise.resolve();
  const backend = opts.backend(terminal, tty);
  let failure: unknown = null;
  helperReady.catch((error: unknown) => {
    failure = error;
    finish();
  });
  const stop = () => finish();
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  const untee = opts.record ? teeStdout(process.stdout, opts.record) : () => {};
  process.stdout.write(ALT_SCREEN_ON);
  try {
    instance = mount();
    // the menu is on screen (Ink draws the first frame in render): the helper starts and the session's code loads behind it
    setImmediate(() => {
      // A q read in the same turn of the event loop as the first frame (input is polled before
      // setImmediate runs) has already closed the app: nothing may start now, or a notes socket
      // nobody closes would keep the process alive.
      if (closing) return;
      opts.startHelper?.();
      backend.preload?.();
      // no notes socket (an unwritable state directory) costs the lesson nothing: the viewer keeps waiting
      if (opts.notes) {
        notesStarting = opts.notes().then(
          (server) => {
            notes = server;
            server.follow(shown);
            return server;
          },
          () => null,
        );
      }
    });
    await finished;
  } finally {
    closing = true;
    (instance as Instance | null)?.unmount();
    closeKeyboard();
    process.stdout.write(ALT_SCREEN_OFF);
    untee();
    opts.progress?.close();
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    const server = await (notesStarting as Promise<NotesServer | null> | null);
    server?.follow(null);
    await server?.close();
    await backend.current?.close();
  }
  if (failure) throw failure;
}
