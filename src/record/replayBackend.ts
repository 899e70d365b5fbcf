// The LabBackend of `replay FILE`: one lesson, the recorded one, which opens as a ReplaySession; nothing runs.
import type { LabBackend, Lesson, LessonLoadError, LessonSession } from '../types.js';
import type { Recording } from './reader.js';
import { ReplaySession, type ReplayOptions } from './replaySession.js';

export class ReplayBackend implements LabBackend {
  readonly lessons: Lesson[];
  readonly loadErrors: LessonLoadError[] = [];
  readonly privilegeNote = null;
  current: ReplaySession | null = null;

  constructor(
    private readonly recording: Recording,
    private readonly options: ReplayOptions = {},
  ) {
    this.lessons = [recording.lesson];
  }

  unavailable(): string | null {
    return null;
  }

  async open(lesson: Lesson): Promise<LessonSession> {
    if (lesson !== this.recording.lesson) throw new Error(`the recording holds "${this.recording.lesson.title}" only`);
    this.current = new ReplaySession(this.recording, this.options);
    return this.current;
  }
}
