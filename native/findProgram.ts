// Finds a program on PATH the way execvp(3) would, for execve(2) which needs a full path.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findProgram(name: string, path: string = process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'): string {
  if (name.includes('/')) return name;
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(`${name} was not found on PATH (${path})`);
}

/** Like findProgram, but null instead of an error. */
export function whichProgram(name: string): string | null {
  try {
    return findProgram(name);
  } catch {
    return null;
  }
}
