// `container-lab notes`: finds this user's app's notes socket, follows it, and draws the notes (a terminal) or prints them (piped).
import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import { stateRoot } from '../stateRoot.js';
import { inertDeep } from '../format/inert.js';
import { liveNotesDirs, removeDeadNotesDirs } from './notesDirs.js';
import { notesLines } from './notesView.js';
import { rootAppPid } from './rootApp.js';
const POLL_MS = 300;
const BLOCK_END = '═';
/** how often the /proc walk for a root app runs while waiting */
const ROOT_SCAN_MS = 1000;
const ALT_SCREEN_ON = '\u001B[?1049h\u001B[?25l';
const ALT_SCREEN_OFF = '\u001B[?25h\u001B[?1049l';
/** A line from the app: one message, or null when it is not one (a newer or broken app). */
export function parseNotesLine(line) {
    try {
        const value = JSON.parse(line);
        return value && (value.kind === 'lesson' || value.kind === 'menu') ? inertDeep(value) : null;
    }
    catch {
        return null;
    }
}
export function runNotes(options = {}) {
    const root = options.root ?? stateRoot();
    const stdout = options.stdout ?? process.stdout;
    const stdin = options.stdin ?? process.stdin;
    const terminal = stdout.isTTY === true && stdin.isTTY === true;
    const euid = process.geteuid?.() ?? 0;
    const rootsRoot = stateRoot(0);
    /** whether root's state directory is there and closed to us: only then can an app of root's be what we miss */
    const lookForRoot = euid !== 0 && rootsRoot !== root && existsSync(rootsRoot);
    let state = null;
    let socket = null;
    let poll = null;
    let tick = null;
    let lastRootScan = -Infinity;
    let lastPrinted = '';
    let done = false;
    let finish = () => { };
    const finished = new Promise((resolve) => (finish = resolve));
    const draw = () => {
        if (done || state === null)
            return;
        if (terminal) {
            const lines = notesLines(state, { now: Date.now(), width: stdout.columns ?? 80, rows: stdout.rows ?? 24, keys: true });
            // over the last screen, each line cleared to its end, then everything below: no blank flash
            stdout.write('\u001B[H' + lines.map((l) => l + '\u001B[0m\u001B[K').join('\n') + '\u001B[J');
        }
        else {
            // piped: one block per change, each closed by a line of ═; the clocks alone are no change
            const width = stdout.columns ?? 80;
            const block = notesLines(state, { now: Date.now(), width }).join('\n');
            if (block === lastPrinted)
                return;
            lastPrinted = block;
            stdout.write(`${block}\n${BLOCK_END.repeat(Math.max(20, width))}\n`);
        }
    };
    const show = (next) => {
        state = next;
        draw();
    };
    /** Once a second, on the second: the clocks move. */
    const startClock = () => {
        if (!terminal)
            return;
        const step = () => {
            draw();
            tick = setTimeout(step, 1000 - (Date.now() % 1000) + 5);
        };
        tick = setTimeout(step, 1000 - (Date.now() % 1000) + 5);
    };
    const look = () => {
        poll = null;
        if (done || socket)
            return;
        removeDeadNotesDirs(root);
        const [live] = liveNotesDirs(root);
        if (live) {
            attach(live.socket);
            return;
        }
        if (lookForRoot && Date.now() - lastRootScan >= ROOT_SCAN_MS) {
            lastRootScan = Date.now();
            const pid = rootAppPid();
            if (pid !== null && !(state?.kind === 'root-only' && state.pid === pid))
                show({ kind: 'root-only', pid });
            else if (pid === null && state?.kind === 'root-only')
                show({ kind: 'waiting', root });
        }
        // what the last app said (it exited) stays up, with the waiting line under it
        if (state === null || state.kind === 'attached')
            show({ kind: 'waiting', root });
        poll = setTimeout(look, POLL_MS);
    };
    const attach = (path) => {
        const s = connect(path);
        socket = s;
        let buffered = '';
        let heard = null;
        s.setEncoding('utf8');
        s.on('data', (chunk) => {
            buffered += chunk;
            let nl;
            while ((nl = buffered.indexOf('\n')) >= 0) {
                const message = parseNotesLine(buffered.slice(0, nl));
                buffered = buffered.slice(nl + 1);
                if (message)
                    heard = message;
            }
            if (heard && !(state?.kind === 'attached' && state.message === heard))
                show({ kind: 'attached', message: heard });
        });
        s.on('error', () => { }); // 'close' follows
        s.on('close', () => {
            if (socket === s)
                socket = null;
            if (done)
                return;
            // an app that hung up before it said anything was not one we followed: just look again
            if (heard)
                show({ kind: 'exited', ended: heard.kind === 'lesson' ? heard.lesson.title : (heard.ended?.title ?? null), root });
            else if (state === null)
                show({ kind: 'waiting', root });
            poll = setTimeout(look, heard ? 0 : POLL_MS);
        });
    };
    const quit = (code = 0) => {
        if (done)
            return;
        done = true;
        if (poll)
            clearTimeout(poll);
        if (tick)
            clearTimeout(tick);
        socket?.destroy();
        process.off('SIGTERM', onSignal);
        process.off('SIGHUP', onSignal);
        process.off('SIGINT', onSignal);
        stdout.off('resize', draw);
        if (terminal) {
            stdin.off('data', onKey);
            stdin.setRawMode(false);
            stdin.pause();
            stdout.write(ALT_SCREEN_OFF);
        }
        finish(code);
    };
    const onSignal = () => quit(0);
    const onKey = (data) => {
        const key = data.toString('utf8');
        if (key === 'q' || key === 'Q' || key === '\u0003')
            quit(0);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    process.on('SIGINT', onSignal);
    options.signal?.addEventListener('abort', onSignal, { once: true });
    if (terminal) {
        stdout.write(ALT_SCREEN_ON);
        stdin.setRawMode(true);
        stdin.on('data', onKey);
        stdin.resume();
        stdout.on('resize', draw);
    }
    startClock();
    look();
    return finished;
}
