// Runs the Ink app full-screen, and hands the terminal to a shell inside the container when asked.
import React from 'react';
import { render, type Instance } from 'ink';
import { existsSync, openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { App } from './app/App.js';
import { LiveBackend } from './lesson/liveBackend.js';
import type { TerminalHandover } from './lesson/liveSession.js';
import type { HelperClient, HelperMode } from './helper/client.js';
import type { Lesson, LessonLoadError, LessonSession } from './types.js';
import { NotesServer } from './presenter/notesServer.js';

export interface TuiOptions {
  lessons: Lesson[];
  loadErrors: LessonLoadError[];
  privilegeNote: string | null;
  /** the helper process, null until it is started */
  helper: () => HelperClient | null;
  /** starts the helper (once the menu is on screen; again is a no-op) */
  startHelper?: () => void;
  mode: HelperMode;
  /** the host's Docker socket when the user chose --host-docker */
  hostDocker?: string | null;
  initialLessonId?: string;
  /** --trust-lessons: the user consented up front, lessons from elsewhere open without the question */
  trustLessons?: boolean;
  /** the helper's hello and sweep: the menu is drawn meanwhile; if it fails, the app ends with its error */
  helperReady?: Promise<unknown>;
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
  const onLessonChange = (session: LessonSession | null) => {
    shown = session;
    notes?.follow(session);
  };

  const mount = (resume?: LiveBackend['current']) =>
    render(
      <App
        backend={backend}
        initialLessonId={resume ? undefined : opts.initialLessonId}
        askConsent={!opts.trustLessons}
        resumeSession={resume ?? undefined}
        onExit={() => finish()}
        onLessonChange={onLessonChange}
      />,
      // Ink 6.8's incrementalRendering leaves stale lines on this full-screen frame (measured: the
      // old header and next-step lines stay); its default rewrite is kept, drawn up to 60 times a second
      { exitOnCtrlC: false, stdin: openKeyboard(), maxFps: 60 },
    );

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
  const backend = new LiveBackend(opts.lessons, opts.loadErrors, opts.privilegeNote, opts.helper, opts.mode, terminal, tty, opts.hostDocker ?? null, helperReady);
  let failure: unknown = null;
  helperReady.catch((error: unknown) => {
    failure = error;
    finish();
  });
  const stop = () => finish();
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  process.stdout.write(ALT_SCREEN_ON);
  try {
    instance = mount();
    // the menu is on screen (Ink draws the first frame in render): the helper starts and the session's code loads behind it
    setImmediate(() => {
      opts.startHelper?.();
      backend.preload();
      // no notes socket (an unwritable state directory) costs the lesson nothing: the viewer keeps waiting
      notesStarting = NotesServer.start().then(
        (server) => {
          notes = server;
          server.follow(shown);
          return server;
        },
        () => null,
      );
    });
    await finished;
  } finally {
    (instance as Instance | null)?.unmount();
    closeKeyboard();
    process.stdout.write(ALT_SCREEN_OFF);
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    const server = await (notesStarting as Promise<NotesServer | null> | null);
    server?.follow(null);
    await server?.close();
    await backend.current?.close();
  }
  if (failure) throw failure;
}
