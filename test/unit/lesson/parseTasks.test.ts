// ```task blocks: read into the step they follow, and every malformed one reported on its line.
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../src/lesson/parseLesson.js';

const HEAD = `---
id: t
title: T
summary: S
privilege: root
order: 1
---

## uts
\`\`\`action
do: unshare
with: { namespaces: [uts] }
\`\`\`
`;
// the task block's fence is on line 15

function parse(task: string, more = '') {
  return parseLesson('t.md', `${HEAD}\n\`\`\`task\n${task}\n\`\`\`\n${more}`);
}

function errors(task: string, more = ''): Array<[number, string]> {
  const r = parse(task, more);
  if (!('errors' in r)) throw new Error('parsed without errors');
  return r.errors.map((e) => [e.line, e.message]);
}

const GOOD = `id: mine
title: A name of your own
text: Give the container the hostname \`mine\`.
use: [shell, host]
hints:
  - hostname(1) with one argument calls sethostname(2).
check:
  - hostname-inside: { equals: mine }
  - host-hostname-unchanged: {}`;

describe('a task block', () => {
  it('belongs to the step it follows, with its statement, places, hints and checks (each on its line)', () => {
    const r = parse(GOOD);
    if ('errors' in r) throw new Error(JSON.stringify(r.errors));
    const [task] = r.lesson.steps[0].tasks;
    expect(task).toEqual({
      id: 'mine',
      title: 'A name of your own',
      text: 'Give the container the hostname `mine`.',
      use: ['shell', 'host'],
      hints: ['hostname(1) with one argument calls sethostname(2).'],
      checks: [
        { kind: 'hostname-inside', params: { equals: 'mine' }, line: 23 },
        { kind: 'host-hostname-unchanged', params: {}, line: 24 },
      ],
      line: 15,
    });
    // the block is not part of the slide
    expect(r.lesson.steps[0].slide).not.toContain('hostname-inside');
  });

  it('hints are optional', () => {
    const r = parse(GOOD.replace(/hints:\n {2}- .*\n/, ''));
    if ('errors' in r) throw new Error(JSON.stringify(r.errors));
    expect(r.lesson.steps[0].tasks[0].hints).toEqual([]);
  });
});

describe('a malformed task block', () => {
  it('bad YAML, on its line', () => {
    expect(errors('id: [mine')[0][1]).toMatch(/^task block: bad YAML/);
  });

  it('not a map', () => {
    expect(errors('- a list')).toEqual([[15, 'task block is a list: it must be a YAML map with id, title, text, use, hints, check']]);
  });

  it('missing keys, bad values and unknown keys, each on its line', () => {
    const e = errors(`id: Mine!
text: ''
use: [everywhere]
hint: one
check:
  - hostname-inside: { equals: mine }`);
    expect(e).toEqual([
      [15, 'task: title is missing (must be a string)'],
      [16, 'task: id must match /^[a-z0-9-]+$/'],
      [17, 'task: text must not be empty'],
      [18, 'task: use[0] must be one of "shell", "second-terminal", "host"'],
      [19, 'task: unknown key "hint" (allowed: id, title, text, use, hints)'],
    ]);
  });

  it('no check, or an empty one: a task nobody could fail', () => {
    const base = GOOD.slice(0, GOOD.indexOf('check:'));
    expect(errors(base)).toEqual([[15, 'task has no "check": list the checks that decide it, like "- hostname-inside: { equals: mine }"']]);
    expect(errors(`${base}check: []`)).toEqual([[22, 'task "check" is empty: a task with no check would be solved by doing nothing']]);
  });

  it('an unknown check, or one with wrong parameters, on its line', () => {
    const e = errors(GOOD.replace('hostname-inside: { equals: mine }', 'hostname-is: { equals: mine }').replace('host-hostname-unchanged: {}', 'hostname-inside: { equal: mine }'));
    expect(e[0][0]).toBe(23);
    expect(e[0][1]).toMatch(/^unknown check "hostname-is" \(known: /);
    expect(e[1][0]).toBe(24);
    expect(e.slice(1).map(([, m]) => m).join('\n')).toContain('unknown key "equal"');
  });

  it('two tasks with one id', () => {
    const e = errors(GOOD, `\n\`\`\`task\n${GOOD.replace('title: A name of your own', 'title: Again')}\n\`\`\`\n`);
    expect(e).toEqual([[27, 'task id "mine" is used twice (first at line 15): each task needs its own']]);
  });
});
