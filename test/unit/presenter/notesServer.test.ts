// The notes socket for real, in a temporary state root: what viewers hear, when, and what is left after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSession, makeLesson, namespaceSteps } from '../../ui/fakeSession.js';
import { NotesServer } from '../../../src/presenter/notesServer.js';
import { lessonNotes, type NotesMessage } from '../../../src/presenter/notesFeed.js';
import { processStartTime } from '../../../src/stateRoot.js';

let root: string;
let server: NotesServer | null = null;
const sockets: Socket[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'notes-server-test-'));
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.close();
  server = null;
  rmSync(root, { recursive: true, force: true });
});

function lesson() {
  const l = makeLesson('namespaces', 2, 'Namespaces', namespaceSteps());
  l.steps = l.steps.map((s, i) => ({ ...s, notes: `notes of step ${i + 1}` }));
  return l;
}

interface Viewer {
  messages: NotesMessage[];
  closed: Promise<void>;
  /** resolves once `count` messages have come */
  until(count: number): Promise<NotesMessage[]>;
  /** resolves once the last message matches */
  untilLast(test: (m: NotesMessage) => boolean): Promise<NotesMessage[]>;
}

function viewer(path: string): Viewer {
  const socket = connect(path);
  sockets.push(socket);
  const messages: NotesMessage[] = [];
  let buffered = '';
  const waiting: Array<() => void> = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      messages.push(JSON.parse(buffered.slice(0, nl)) as NotesMessage);
      buffered = buffered.slice(nl + 1);
    }
    waiting.splice(0).forEach((w) => w());
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 3000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`${what} never came: ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return messages;
  };
  return {
    messages,
    closed,
    until: (count) => until(() => messages.length >= count, `message ${count}`),
    untilLast: (test) => until(() => messages.length > 0 && test(messages[messages.length - 1]), 'the message'),
  };
}

/** A server following a fake lesson, and one viewer that has its first message. */
async function followedByOne(options: Parameters<typeof NotesServer.start>[0] = {}) {
  const started = await NotesServer.start({ root, ...options });
  server = started;
  const session = new FakeSession(lesson(), namespaceSteps());
  started.follow(session);
  const v = viewer(started.socketPath);
  await v.until(1);
  return { server: started, session, v };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('NotesServer', () => {
  it('makes notes-<random> under the root: mode 0700, the user\'s, an owner file with PID and start time, the socket in it', async () => {
    server = await NotesServer.start({ root });
    const [name] = readdirSync(root);
    expect(name).toMatch(/^notes-.{6}$/);
    expect(server.dir).toBe(join(root, name));
    const st = statSync(server.dir);
    expect(st.mode & 0o777).toBe(0o700);
    expect(st.uid).toBe(process.geteuid!());
    expect(readFileSync(join(server.dir, 'owner'), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}\n`);
    expect(statSync(server.socketPath).isSocket()).toBe(true);
  });

  it('two viewers get the same messages: the whole state on connect, then each change', async () => {
    server = await NotesServer.start({ root });
    const a = viewer(server.socketPath);
    const b = viewer(server.socketPath);
    await a.until(1);
    await b.until(1);
    expect(a.messages[0]).toEqual({ kind: 'menu', ended: null });
    const session = new FakeSession(lesson(), namespaceSteps());
    server.follow(session);
    await a.until(2);
    await sleep(60);
    await session.next();
    const stepped = (m: NotesMessage) => m.kind === 'lesson' && m.status === 'done';
    await a.untilLast(stepped);
    await b.untilLast(stepped);
    expect(a.messages).toEqual(b.messages);
    expect(a.messages[1]).toMatchObject({ kind: 'lesson', step: 0, title: 'Namespaces' });
    expect(a.messages.at(-1)).toMatchObject({ kind: 'lesson', step: 1, title: 'New namespaces', notes: 'notes of step 1', status: 'done' });
    // a viewer that comes later gets the state as it is now
    const c = viewer(server.socketPath);
    expect((await c.until(1))[0]).toEqual(a.messages.at(-1));
  });

  it('a replay is followed as a lesson is, its banner in the message: the presenter sees what the room sees', async () => {
    server = await NotesServer.start({ root });
    const a = viewer(server.socketPath);
    await a.until(1);
    const banner = ['REPLAY — recorded 2025-05-01 on 6.8.0-45-generic, cgroup v2 (systemd); nothing here runs', 'REPLAY — nothing runs'];
    server.follow(Object.assign(new FakeSession(lesson(), namespaceSteps()), { replay: { banner } }));
    expect((await a.until(2))[1]).toMatchObject({ kind: 'lesson', step: 0, replay: banner[0] });
    // a live lesson's messages carry none
    server.follow(new FakeSession(lesson(), namespaceSteps()));
    const live = (await a.until(3))[2];
    expect(live).toMatchObject({ kind: 'lesson' });
    expect(live).not.toHaveProperty('replay');
  });

  it('with no viewer the feed is never called; a viewer that attaches gets the step\'s real start time', async () => {
    let calls = 0;
    let now = 10_000;
    server = await NotesServer.start({ root, now: () => now, feed: (state, times) => (calls++, lessonNotes(state, times)) });
    const session = new FakeSession(lesson(), namespaceSteps());
    server.follow(session);
    now = 15_000;
    await session.next();
    now = 20_000;
    session.set({ notice: 'a change nothing shows' });
    await sleep(100);
    expect(calls).toBe(0);
    const v = viewer(server.socketPath);
    const [m] = await v.until(1);
    expect(calls).toBe(1);
    expect(m).toMatchObject({ kind: 'lesson', step: 1, lessonStartedAt: 10_000, stepStartedAt: 15_000 });
  });

  it('a burst of changes: the first goes out at once, the rest as one message after the throttle', async () => {
    const { session, v } = await followedByOne({ throttleMs: 50 });
    await sleep(80); // a quiet spell
    for (let i = 0; i < 10; i++) session.set({ activity: `change ${i}` });
    await v.until(2);
    expect(v.messages[1]).toMatchObject({ activity: 'change 0' }); // serialised at the first change, not after a wait
    await v.until(3);
    await sleep(100);
    expect(v.messages).toHaveLength(3);
    expect(v.messages[2]).toMatchObject({ activity: 'change 9' });
  });

  it('a change nothing shows sends nothing', async () => {
    const { session, v } = await followedByOne();
    session.set({ snapshot: { ...session.getState().snapshot!, takenAt: 1 } });
    await sleep(100);
    expect(v.messages).toHaveLength(1);
  });

  it('the lesson ending, then close: "ended", the viewers hung up, the directory gone', async () => {
    const { server: s, v } = await followedByOne();
    s.follow(null);
    const dir = s.dir;
    await s.close();
    await v.closed;
    expect(v.messages.at(-1)).toEqual({ kind: 'menu', ended: { id: 'namespaces', title: 'Namespaces' } });
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it('removes a dead app\'s notes directory when it starts, and keeps a live one\'s', async () => {
    const dead = join(root, 'notes-dead01');
    mkdirSync(dead);
    writeFileSync(join(dead, 'owner'), `${process.pid} 1\n`); // this PID, but another start time: that app is gone
    const live = join(root, 'notes-live01');
    mkdirSync(live);
    writeFileSync(join(live, 'owner'), `${process.pid} ${processStartTime(process.pid)}\n`);
    server = await NotesServer.start({ root });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    rmSync(live, { recursive: true });
  });
});
