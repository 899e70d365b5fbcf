// parseLesson on good and malformed fixture files: exact lines, short messages, all errors at once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../src/lesson/parseLesson.js';
import { ACTIONS } from '../../../src/vocabulary/registry.js';
import type { Lesson, LessonLoadError } from '../../../src/types.js';

const fixtures = fileURLToPath(new URL('../../fixtures/lessons/', import.meta.url));

function parse(name: string) {
  return parseLesson(name, readFileSync(fixtures + name, 'utf8'));
}

function lesson(name: string): Lesson {
  const result = parse(name);
  if ('errors' in result) throw new Error(result.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return result.lesson;
}

/** The errors of a fixture as [line, message] pairs. */
function errors(name: string): Array<[number, string]> {
  const result = parse(name);
  if (!('errors' in result)) throw new Error(`${name} parsed without errors`);
  for (const e of result.errors) expect(e.file).toBe(name);
  return result.errors.map((e: LessonLoadError) => [e.line, e.message]);
}

// Every action the vocabulary has, in its order: lessons beyond 01 and 02 add their own.
const KNOWN_ACTIONS = Object.keys(ACTIONS).join(', ');

describe('a good lesson', () => {
  const alpha = lesson('good/01-alpha.md');

  it('has its front matter, intro and file', () => {
    expect(alpha).toMatchObject({
      id: 'alpha',
      title: 'Alpha lesson',
      summary: 'Everything a lesson file may hold.',
      privilege: 'root',
      order: 2,
      file: 'good/01-alpha.md',
    });
    expect(alpha.intro).toBe('Intro line one.\n\n```sh\n## not a step: inside fenced code\n```');
  });

  it('splits steps at "## " headings outside code fences, with the heading line', () => {
    expect(alpha.steps.map((s) => [s.line, s.title])).toEqual([
      [15, 'First step'],
      [35, 'Defaults are applied'],
      [53, 'Run something'],
    ]);
  });

  it('takes the action and notes blocks out of the slide', () => {
    const [first, second] = alpha.steps;
    expect(first.slide).toBe(
      'Slide for the first step.\n\n### A sub-heading stays in the slide\n\nMore slide after the blocks.',
    );
    expect(first.notes).toBe('Notes for the first step.');
    expect(second.notes).toBe('');
    expect(second.slide).toContain('this is not an action block');
  });

  it('reads do, with and check, with each check on its line', () => {
    const [first] = alpha.steps;
    expect(first.action).toEqual({ name: 'unshare', params: { namespaces: ['uts', 'mnt'] } });
    expect(first.checks).toEqual([
      { kind: 'ns-differs', params: { ns: 'uts' }, line: 25 },
      { kind: 'ns-same', params: { ns: 'net' }, line: 26 },
    ]);
  });

  it("applies the schemas' defaults to params, and takes an empty check as {}", () => {
    const [, second, third] = alpha.steps;
    expect(second.action).toEqual({ name: 'user-namespace', params: { outsideUid: 100000 } });
    expect(second.checks).toEqual([
      { kind: 'mount-invisible-on-host', params: { fstype: 'tmpfs' }, line: 47 },
      { kind: 'same-kernel', params: {}, line: 49 },
      { kind: 'host-hostname-unchanged', params: {}, line: 50 },
    ]);
    expect(third.action).toEqual({ name: 'run', params: { command: ['uname', '-r'], where: 'container' } });
    expect(third.checks[0].params).toEqual({ pattern: '^\\d+\\.\\d+' });
  });

  it('accepts a step heading right after the front matter and a step without checks', () => {
    const beta = lesson('good/02-beta.md');
    expect(beta.intro).toBe('');
    expect(beta.steps).toEqual([
      { title: 'Only step', slide: '', notes: '', action: { name: 'join-cgroup', params: {} }, checks: [], line: 8, tasks: [] },
    ]);
  });
});

describe('front matter errors', () => {
  it('no front matter', () => {
    expect(errors('bad/no-front-matter.md')).toEqual([
      [1, 'no front matter: the file must start with a "---" line, then YAML, then "---"'],
    ]);
  });

  it('front matter never closed', () => {
    expect(errors('bad/unclosed-front-matter.md')).toEqual([
      [1, 'front matter is never closed: add a "---" line after it'],
    ]);
  });

  it('bad YAML, on the line the YAML parser names', () => {
    expect(errors('bad/bad-yaml-front-matter.md')).toEqual([
      [5, 'front matter: bad YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ]);
  });

  it('missing fields, on the opening "---"', () => {
    expect(errors('bad/missing-field.md')).toEqual([
      [1, 'front matter: summary is missing (must be a string)'],
      [1, 'front matter: order is missing (must be a number)'],
    ]);
  });

  it('bad values and unknown keys, each on its own line', () => {
    expect(errors('bad/bad-front-matter-values.md')).toEqual([
      [2, 'front matter: id must match /^[a-z0-9-]+$/'],
      [5, 'front matter: privilege must be "root" or "rootless"'],
      [6, 'front matter: order must be an integer, not 1.5'],
      [7, 'front matter: unknown key "titel" (allowed: id, title, summary, privilege, rootlessWhere, rootless, order, requires, hostDocker)'],
    ]);
  });
});

describe('step errors', () => {
  it('unknown action, on the line of "do"', () => {
    expect(errors('bad/unknown-action.md')).toEqual([[21, `unknown action "unshar" (known: ${KNOWN_ACTIONS})`]]);
  });

  it('a step whose needs no earlier step provides, on the line of its heading, naming what would', () => {
    expect(errors('bad/out-of-order.md')).toEqual([
      [9, 'step "Mount first": mount-tmpfs needs own mnt namespace, which no earlier step provides (unshare provides it)'],
      [9, 'step "Mount first": mount-tmpfs needs private mounts, which no earlier step provides (make-mounts-private provides it)'],
      [22, 'step "A limit with no cgroup": set-memory-limit needs lab cgroup, which no earlier step provides (join-cgroup provides it)'],
      [29, 'step "The docker CLI through a proxy nobody started": docker needs docker daemon, which no earlier step provides (start-daemons or start-dockerd provide it)'],
      [29, 'step "The docker CLI through a proxy nobody started": docker needs API proxy, which no earlier step provides (api-proxy provides it)'],
    ]);
  });

  it('bad parameters, each on the line of its key', () => {
    expect(errors('bad/bad-params.md')).toEqual([
      [14, 'action user-namespace: outsideUid must be a number, not "100000"'],
      [24, 'action unshare: namespaces[1] must be one of "uts", "pid", "mnt", "net", "ipc", "cgroup"'],
      [31, 'action sethostname: name is missing (must be a string)'],
      [38, 'action start-init: unknown key "fast" (it takes no parameters)'],
      [45, 'action run: command must be a string or a list, not 5'],
      [45, 'action run: where must be "container" or "host"'],
      [53, 'check init-pid-inside: equals must be a number, not "1"'],
      [54, 'check ns-differs: ns must be one of "uts", "pid", "mnt", "net", "ipc", "cgroup", "user", not "time"'],
      [55, 'check links: up is missing (must be true or false)'],
      [56, 'check links: only must list at least one item'],
      [63, 'action unshare: "with" must be a map of parameters, not a list'],
    ]);
  });

  it('checks that are not one-key maps, unknown checks, a check list that is not a list', () => {
    const found = errors('bad/check-not-one-key.md');
    expect(found.map(([line]) => line)).toEqual([14, 15, 18, 19, 26]);
    expect(found[0][1]).toBe('a check is a one-key map like "- init-visible-from-host: {}", not "init-visible-from-host"');
    expect(found[1][1]).toBe(
      'a check is a one-key map like "- init-pid-inside: { params }", not 2 keys (init-pid-inside, equals)',
    );
    expect(found[2][1]).toMatch(/^unknown check "no-such-check" \(known: ns-differs, ns-same, .*uid-mapped(, [a-z-]+)*\)$/);
    expect(found[3][1]).toBe('check same-kernel: parameters must be a map like { key: value }, not "yes"');
    expect(found[4][1]).toBe('"check" must be a list like "- ns-differs: { ns: uts }", not "same-kernel"');
  });

  it('a step with two action blocks (and two notes blocks)', () => {
    expect(errors('bad/two-action-blocks.md')).toEqual([
      [15, 'step "Step" has a second action block (the first is at line 11; one per step)'],
      [23, 'step "Step" has a second notes block (the first is at line 19; one per step)'],
    ]);
  });

  it('a step with no action block (a ```yaml block does not count)', () => {
    expect(errors('bad/no-action-block.md')).toEqual([
      [15, 'step "Step without one" has no action block (each step needs exactly one ```action block)'],
    ]);
  });

  it('an unterminated fence, on its opening line, swallowing the headings after it', () => {
    expect(errors('bad/unterminated-fence.md')).toEqual([
      [17, 'code block opened here is never closed (add a "```" line after it)'],
    ]);
  });

  it('no steps, on the first line after the front matter', () => {
    expect(errors('bad/no-steps.md')).toEqual([
      [8, 'no steps: each step starts with a "## " heading and has an action block'],
    ]);
  });

  it('bad YAML in an action block, on the line the YAML parser names', () => {
    expect(errors('bad/bad-yaml-action.md')).toEqual([
      [20, 'action block: bad YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ]);
  });

  it('action blocks of the wrong shape, an action before any step, a heading without a title', () => {
    expect(errors('bad/action-block-shape.md')).toEqual([
      [9, 'action block before the first step (put it under a "## " heading)'],
      [15, 'action block is empty: it must be a YAML map with do, with and check'],
      [20, 'action block is a list: it must be a YAML map with do, with and check'],
      [28, 'unknown key "checks" in action block (allowed: do, with, check)'],
      [33, `action block has no "do" (known actions: ${KNOWN_ACTIONS})`],
      [37, 'step heading has no title (write "## What this step does")'],
    ]);
  });

  it('reports front matter and step errors together, sorted by line', () => {
    expect(errors('bad/several-errors.md')).toEqual([
      [5, 'front matter: privilege must be "root" or "rootless"'],
      [12, `unknown action "unshar" (known: ${KNOWN_ACTIONS})`],
      [14, 'check ns-differs: ns must be one of "uts", "pid", "mnt", "net", "ipc", "cgroup", "user", not "utc"'],
      [17, 'step "No action" has no action block (each step needs exactly one ```action block)'],
    ]);
  });
});

describe('parseLesson on text', () => {
  it('is pure: the file name is only a label', () => {
    const text = '---\nid: x\ntitle: X\nsummary: S\nprivilege: root\norder: 3\n---\n## S\n```action\ndo: join-cgroup\n```\n';
    const result = parseLesson('any/name.md', text);
    expect('lesson' in result && result.lesson.file).toBe('any/name.md');
  });

  it('reports an empty file: no front matter, no steps', () => {
    const result = parseLesson('empty.md', '');
    expect('errors' in result && result.errors.map((e) => [e.line, e.message.split(':')[0]])).toEqual([
      [1, 'no front matter'],
      [1, 'no steps'],
    ]);
  });
});

describe('bounded and inert lesson text', () => {
  const file = (title: string, stepTitle: string, intro = 'Intro.') =>
    `---\nid: x\ntitle: ${title}\nsummary: s\nprivilege: root\norder: 1\n---\n${intro}\n## ${stepTitle}\n\`\`\`action\ndo: unshare\nwith: { namespaces: [uts] }\n\`\`\`\n`;
  const problems = (text: string) => {
    const r = parseLesson('x.md', text);
    return 'errors' in r ? r.errors.map((e) => [e.line, e.message]) : [];
  };

  it('refuses a title, summary or step title longer than a line of the menu', () => {
    expect(problems(file('T'.repeat(121), 'Step'))).toEqual([[3, 'front matter: title must be at most 120 characters long']]);
    expect(problems(file('T', 'S'.repeat(121)))).toEqual([[9, 'step title is 121 characters long (at most 120: it is one line of the step list)']]);
    expect(problems(file('T'.repeat(120), 'S'.repeat(120)))).toEqual([]);
  });

  it('shows control characters in every text field escaped, and keeps action parameters as written', () => {
    const r = parseLesson('x\u001b.md', file('"A \\e]0;t\\a"', 'B \u001b[31m', 'C \u009b2J \u202e'));
    if ('errors' in r) throw new Error(JSON.stringify(r.errors));
    expect(r.lesson.title).toBe('A \\x1b]0;t\\x07');
    expect(r.lesson.steps[0].title).toBe('B \\x1b[31m');
    expect(r.lesson.intro).toBe('C \\x9b2J \\u202e');
    expect(r.lesson.file).toBe('x\\x1b.md');
    expect(r.lesson.steps[0].action.params).toEqual({ namespaces: ['uts'] });
  });

  it('quotes what it refuses without raw control characters', () => {
    const r = parseLesson('x.md', file('T', 'S').replace('do: unshare', 'do: unshare\n"k\\e[2J": 1'));
    expect(r).toEqual({ errors: [{ file: 'x.md', line: 12, message: 'unknown key "k\\x1b[2J" in action block (allowed: do, with, check)' }] });
  });
});
