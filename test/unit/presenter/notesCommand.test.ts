// The notes viewer piped (not a terminal), against a real notes socket in a temporary state root: one block per change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSession, makeLesson, namespaceSteps } from '../../ui/fakeSession.js';
import { NotesServer } from '../../../src/presenter/notesServer.js';
import { parseNotesLine, runNotes } from '../../../src/presenter/notesCommand.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'notes-command-test-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function pipe(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  stream.columns = 100;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

/** the piped output's blocks: each ends with a line of ═ */
const blocksOf = (text: string) => text.split(/\n═+\n/).filter((b) => b.trim() !== '');

async function until(test: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('parseNotesLine', () => {
  it('takes a lesson or menu message, made inert; anything else is null', () => {
    expect(parseNotesLine('{"kind":"menu","ended":null}')).toEqual({ kind: 'menu', ended: null });
    expect(parseNotesLine('{"kind":"menu","ended":{"id":"x","title":"a\\u001b[2Jb"}}')).toEqual({ kind: 'menu', ended: { id: 'x', title: 'a\\x1b[2Jb' } });
    expect(parseNotesLine('{"kind":"future"}')).toBeNull();
    expect(parseNotesLine('not json')).toBeNull();
    expect(parseNotesLine('null')).toBeNull();
  });
});

describe('runNotes, piped', () => {
  it('waits, follows the lesson step by step, says when it ends and when the app exits, then waits again', async () => {
    const out = pipe();
    const stop = new AbortController();
    const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
    const done = runNotes({ root, stdout: out.stream, stdin, signal: stop.signal });
    await until(() => out.text().includes('waiting for container-lab to open a lesson'), 'waiting');
    expect(out.text()).not.toContain('q quits');

    const lesson = makeLesson('namespaces', 2, 'Namespaces', namespaceSteps());
    lesson.steps = lesson.steps.map((s, i) => ({ ...s, notes: `Say this at step ${i + 1}.` }));
    const session = new FakeSession(lesson, namespaceSteps());
    const server = await NotesServer.start({ root });
    try {
      server.follow(session);
      await until(() => out.text().includes('Namespaces · intro, 3 steps'), 'the intro');
      await session.next();
      await until(() => out.text().includes('Say this at step 1.'), 'step 1\'s notes');
      const block = blocksOf(out.text()).reverse().find((b) => b.includes('Say this at step 1.'))!;
      expect(block).toMatch(/^Namespaces · step 1\/3 · New namespaces +lesson 0:0\d · step 0:0\d · \d\d:\d\d:\d\d$/m);
      expect(block).toContain('next: Its own hostname');
      expect(block).toContain('✓ uts namespace differs from the host — host 4026531838, container 4026532450');
      server.follow(null);
      await until(() => out.text().includes('the lesson "Namespaces" ended.'), 'ended');
    } finally {
      await server.close();
    }
    await until(() => out.text().includes('container-lab exited (the lesson "Namespaces" ended).'), 'exited');
    stop.abort();
    expect(await done).toBe(0);
    // one block per change, none repeated
    const blocks = blocksOf(out.text());
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(blocks.filter((b, i) => i > 0 && b === blocks[i - 1])).toEqual([]);
  });
});
