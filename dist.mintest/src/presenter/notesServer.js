// The app's side of `container-lab notes`: a unix socket that tells each viewer the lesson on screen, as JSON lines.
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { focusIndex } from '../app/derive.js';
import { stateRoot } from '../stateRoot.js';
import { lessonNotes, menuNotes } from './notesFeed.js';
import { createNotesDir, removeDeadNotesDirs, NOTES_SOCKET } from './notesDirs.js';
/** a viewer that stopped reading (a suspended terminal) is let go rather than buffered for */
const MAX_BACKLOG = 1 << 20;
/** how long close() waits for viewers to hang up after the last message */
const CLOSE_WAIT_MS = 300;
export class NotesServer {
    dir;
    server;
    clients = new Set();
    session = null;
    unsubscribe = null;
    /** the lesson that closed last, for the menu's message */
    ended = null;
    times = { lessonStartedAt: 0, stepStartedAt: 0 };
    focus = -1;
    lastLine = null;
    lastSentAt = -Infinity;
    timer = null;
    closing = null;
    feed;
    now;
    throttleMs;
    /** removes the directory if the process exits without close() (process.exit) */
    onExit = () => rmSync(this.dir, { recursive: true, force: true });
    constructor(dir, server, options) {
        this.dir = dir;
        this.server = server;
        this.feed = options.feed ?? lessonNotes;
        this.now = options.now ?? Date.now;
        this.throttleMs = options.throttleMs ?? 50;
        server.on('connection', (socket) => this.attach(socket));
        process.on('exit', this.onExit);
    }
    /** Makes the notes directory (and removes dead apps' ones) and listens on its socket. */
    static async start(options = {}) {
        const root = options.root ?? stateRoot();
        removeDeadNotesDirs(root);
        const dir = createNotesDir(root);
        const server = createServer();
        try {
            await new Promise((resolve, reject) => {
                server.once('error', reject);
                server.listen(join(dir, NOTES_SOCKET), () => {
                    server.off('error', reject);
                    resolve();
                });
            });
        }
        catch (error) {
            rmSync(dir, { recursive: true, force: true });
            throw error;
        }
        return new NotesServer(dir, server, options);
    }
    get socketPath() {
        return join(this.dir, NOTES_SOCKET);
    }
    get viewers() {
        return this.clients.size;
    }
    /** The lesson now on screen, or null: the menu (after a lesson, "that lesson ended"). */
    follow(session) {
        if (session === this.session || this.closing)
            return;
        this.unsubscribe?.();
        this.unsubscribe = null;
        if (this.session)
            this.ended = this.session.getState().lesson;
        this.session = session;
        if (session) {
            const now = this.now();
            this.times = { lessonStartedAt: now, stepStartedAt: now };
            this.focus = focusIndex(session.getState());
            this.unsubscribe = session.subscribe(this.changed);
        }
        this.changed();
    }
    /**
     * Every change of the session: with no viewer, only the step on screen is noted (for its start
     * time), nothing is serialised and no timer runs.
     */
    changed = () => {
        if (this.session) {
            const focus = focusIndex(this.session.getState());
            if (focus !== this.focus) {
                this.focus = focus;
                this.times = { ...this.times, stepStartedAt: this.now() };
            }
        }
        if (this.clients.size === 0 || this.timer)
            return;
        const wait = this.lastSentAt + this.throttleMs - this.now();
        if (wait <= 0)
            this.broadcast();
        else
            this.timer = setTimeout(() => this.broadcast(), wait);
    };
    line() {
        const banner = this.session?.replay?.banner[0];
        const message = this.session ? { ...this.feed(this.session.getState(), this.times), ...(banner ? { replay: banner } : {}) } : menuNotes(this.ended);
        return JSON.stringify(message) + '\n';
    }
    broadcast() {
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = null;
        if (this.clients.size === 0)
            return;
        const line = this.line();
        if (line === this.lastLine)
            return; // what changed is nothing a viewer shows (the panels' samples)
        this.lastLine = line;
        this.lastSentAt = this.now();
        for (const client of this.clients)
            this.write(client, line);
    }
    write(client, line) {
        if (client.writableLength > MAX_BACKLOG)
            client.destroy();
        else
            client.write(line);
    }
    attach(socket) {
        if (this.closing) {
            socket.destroy();
            return;
        }
        this.clients.add(socket);
        socket.on('error', () => { }); // a viewer that went away: 'close' follows
        socket.on('close', () => {
            this.clients.delete(socket);
            if (this.clients.size > 0)
                return;
            if (this.timer)
                clearTimeout(this.timer);
            this.timer = null;
            this.lastLine = null;
        });
        socket.resume(); // viewers send nothing; whatever they do is read and dropped
        const line = this.line();
        // the first viewer's line is what every viewer has: a change that does not alter it sends nothing
        if (this.clients.size === 1)
            this.lastLine = line;
        this.write(socket, line);
    }
    /** Tells the viewers the last state, hangs up, and removes the socket and its directory. */
    close() {
        this.closing ??= this.shutdown();
        return this.closing;
    }
    async shutdown() {
        this.unsubscribe?.();
        this.unsubscribe = null;
        if (this.timer)
            this.broadcast();
        const hungUp = [...this.clients].map((c) => new Promise((resolve) => {
            c.once('close', () => resolve());
            c.end();
        }));
        this.server.close();
        let wait;
        await Promise.race([Promise.all(hungUp), new Promise((resolve) => (wait = setTimeout(resolve, CLOSE_WAIT_MS)))]);
        clearTimeout(wait);
        for (const c of this.clients)
            c.destroy();
        rmSync(this.dir, { recursive: true, force: true });
        process.off('exit', this.onExit);
    }
}
