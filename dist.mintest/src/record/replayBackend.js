import { ReplaySession } from './replaySession.js';
export class ReplayBackend {
    recording;
    options;
    lessons;
    loadErrors = [];
    privilegeNote = null;
    current = null;
    constructor(recording, options = {}) {
        this.recording = recording;
        this.options = options;
        this.lessons = [recording.lesson];
    }
    unavailable() {
        return null;
    }
    async open(lesson) {
        if (lesson !== this.recording.lesson)
            throw new Error(`the recording holds "${this.recording.lesson.title}" only`);
        this.current = new ReplaySession(this.recording, this.options);
        return this.current;
    }
}
