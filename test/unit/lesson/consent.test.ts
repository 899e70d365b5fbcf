// Trust by where a lesson came from: untrusted lessons refused host commands at load time, the docker
// allow-list for every lesson, and the consent list built from the action definitions.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatLoadError, loadLessons } from '../../../src/lesson/loadLessons.js';
import { consentLines, consents, sourceMark } from '../../../src/lesson/consent.js';
import { lessonsDir } from '../../../src/sys/packageRoot.js';

const fixtures = fileURLToPath(new URL('../../fixtures/lessons/', import.meta.url));
const hostile = join(fixtures, 'untrusted', '01-hostile.md');
const lineOf = (text: string): number => readFileSync(hostile, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
const untrusted = { trusted: false, from: '$CONTAINER_LAB_LESSONS' };

describe('trust by where a lesson came from', () => {
  it('the package\'s own lessons are trusted; another directory is not, unless the caller says so', () => {
    const shipped = loadLessons(lessonsDir({}));
    expect(shipped.errors).toEqual([]);
    expect(shipped.lessons).toHaveLength(readdirSync(lessonsDir({})).filter((n) => /^\d\d-.*\.md$/.test(n)).length);
    expect(shipped.lessons.every((l) => l.source.trusted)).toBe(true);
    const other = loadLessons(join(fixtures, 'untrusted-ok'));
    expect(other.errors).toEqual([]);
    expect(other.lessons[0].source).toEqual({ trusted: false, from: join(fixtures, 'untrusted-ok') });
  });

  it('an untrusted lesson with run where=host, -v /:/host and --privileged is refused at load time, each on its line', () => {
    const { lessons, errors } = loadLessons(join(fixtures, 'untrusted'), untrusted);
    expect(lessons).toEqual([]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [lineOf('## Just a host command'), expect.stringMatching(/^step "Just a host command": run is refused in a lesson from \$CONTAINER_LAB_LESSONS: a command of the lesson's choice runs as root/)],
      [lineOf("'/:/host'"), expect.stringMatching(/^docker argument -v \/:\/host is refused: \/ is a host path/)],
      [lineOf('--privileged'), 'docker argument --privileged is refused: it gives the container every capability and every host device'],
    ]);
    expect(formatLoadError(errors[1])).toMatch(/01-hostile\.md:\d+: docker argument -v \/:\/host is refused/);
  });

  it('the same file trusted may run a host command, and still may not hand the host to docker', () => {
    const { errors } = loadLessons(join(fixtures, 'untrusted'), { trusted: true, from: 'the package' });
    expect(errors.map((e) => [e.line, e.message.replace(/:.*/, '')])).toEqual([
      [lineOf("'/:/host'"), 'docker argument -v /'],
      [lineOf('--privileged'), 'docker argument --privileged is refused'],
    ]);
  });

  it('every shipped lesson would pass the docker and ctr allow-list and the untrusted rules where it uses no commands', () => {
    const { errors } = loadLessons(lessonsDir({}), untrusted);
    // only run, run-in-root, exec-in-container and nsenter-container steps are refused: the docker and ctr arguments all pass
    const refused = new Set(errors.map((e) => /: (\S+)(?: with \S+ \S+)? is refused/.exec(e.message)?.[1]));
    expect([...refused].sort()).toEqual(['exec-in-container', 'nsenter-container', 'run', 'run-in-root']);
  });
});

describe('the consent list', () => {
  it('says, step by step, what the lesson does to the host, from the action definitions', () => {
    const lesson = loadLessons(join(fixtures, 'untrusted-ok'), untrusted).lessons[0];
    expect(sourceMark(lesson)).toBe('(from $CONTAINER_LAB_LESSONS: asks before it runs)');
    expect(consentLines(lesson)).toEqual([
      '"A hostname of its own, from elsewhere" comes from $CONTAINER_LAB_LESSONS, not from the container-lab package.',
      'With root, step by step, it will:',
      ' 1. A UTS namespace',
      '      moves the lab\'s container process (root) into new uts namespaces; the host\'s own stay as they are',
      ' 2. A new name',
      '      sets the hostname container-lab-untrusted in the container\'s own UTS namespace',
    ]);
  });

  it('y and Enter go on; anything else does not', () => {
    expect(['', 'y', 'Y', 'yes\n'].map(consents)).toEqual([true, true, true, true]);
    expect(['n', 'q', 'no', 'x'].map(consents)).toEqual([false, false, false, false]);
  });
});
