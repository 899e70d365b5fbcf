// Naming a lesson on the command line: by id, by number, and a typo's suggestion (a lesson or a command).
import { describe, expect, it } from 'vitest';
import { findLesson, isLessonPath, loadAll } from '../../../src/cli/lessonSource.js';
import { UsageError } from '../../../src/cli/usageError.js';

const { lessons } = await loadAll({});
const message = (key: string) => {
  try {
    findLesson(lessons, key);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${key} was found`);
};

describe('findLesson', () => {
  it('finds the package\'s lessons by id and by number', () => {
    expect(findLesson(lessons, 'namespaces').id).toBe('namespaces');
    expect(findLesson(lessons, '2').id).toBe('namespaces');
  });

  it('a misspelled lesson gets the lesson it most likely meant, a misspelled command the command', () => {
    expect(message('nmespaces')).toBe('unknown lesson nmespaces — did you mean namespaces?');
    expect(message('cgroup')).toBe('unknown lesson cgroup — did you mean cgroups?');
    expect(message('lsit')).toBe('unknown command lsit — did you mean list?');
    expect(message('doctr')).toBe('unknown command doctr — did you mean doctor?');
  });

  it('nothing near: where to look; a number past the end: how many there are', () => {
    expect(message('xyzzy')).toMatch(/^unknown lesson or command xyzzy \(the lessons: container-lab list; the commands: container-lab --help\)$/);
    expect(message(String(lessons.length + 1))).toBe(`no lesson ${lessons.length + 1}: there are ${lessons.length} (container-lab list)`);
  });
});

describe('isLessonPath', () => {
  it('a slash or .md makes a path', () => {
    expect(isLessonPath('./x.md')).toBe(true);
    expect(isLessonPath('lessons/x')).toBe(true);
    expect(isLessonPath('namespaces')).toBe(false);
    expect(isLessonPath(null)).toBe(false);
  });
});
