// The real LabBackend: lessons from disk, sessions on the helper process (their code loads after the menu is drawn).
import type { LabBackend, Lesson, LessonLoadError, LessonSession } from '../types.js';
import type { HelperClient, HelperMode } from '../helper/client.js';
import type { LiveSession, LiveSessionOptions, TerminalHandover } from './liveSession.js';
import { whyUnavailable, type HostLimits } from './availability.js';
import { probeHost } from '../observe/host/probe.js';

/** The session's code (the step runner, the helper protocol, zod, tar): the menu does not need it. */
let sessionModule: Promise<typeof import('./liveSession.js')> | null = null;
const loadSession = () => (sessionModule ??= import('./liveSession.js'));

export class LiveBackend implements LabBackend {
  current: LiveSession | null = null;

  constructor(
    readonly lessons: Lesson[],
    readonly loadErrors: LessonLoadError[],
    readonly privilegeNote: string | null,
    /** the helper process, null until it is started (after the menu is drawn) */
    private readonly helper: () => HelperClient | null,
    private readonly mode: HelperMode,
    private readonly terminal: TerminalHandover | undefined,
    private readonly tty: string | undefined,
    private readonly hostDocker: string | null = null,
    /** settles once the helper answered and swept: the menu shows before, a lesson opens after */
    private readonly helperReady: Promise<unknown> = Promise.resolve(),
    /** what the host blocks, read once: the menu marks the lessons it stops before they are opened */
    private readonly host: HostLimits = probeHost(),
    /** told of each lesson opened; what it returns hears the session's events (--record) */
    private readonly listen?: (lesson: Lesson) => LiveSessionOptions['onEvent'],
    /** --mode present: tasks hidden and never checked */
    private readonly sessionOptions: Pick<LiveSessionOptions, 'tasks'> = {},
  ) {}

  unavailable(lesson: Lesson): string | null {
    const reason = whyUnavailable(lesson, { mode: this.mode, hostDocker: this.hostDocker, host: this.host });
    if (reason) return reason;
    if (this.helper()?.alive === false) return 'the helper process has exited: restart container-lab';
    return null;
  }

  /** Loads the session's code in the background, once the menu is on screen. */
  preload(): void {
    loadSession().catch(() => {}); // a failure shows when a lesson opens
  }

  async open(lesson: Lesson): Promise<LessonSession> {
    const reason = this.unavailable(lesson);
    if (reason) throw new Error(reason);
    const [{ LiveSession }] = await Promise.all([loadSession(), this.helperReady]);
    const helper = this.helper();
    if (!helper) throw new Error('the helper process has not started');
    this.current = await LiveSession.open(helper, lesson, { ...this.sessionOptions, terminal: this.terminal, tty: this.tty, onEvent: this.listen?.(lesson) });
    return this.current;
  }
}
