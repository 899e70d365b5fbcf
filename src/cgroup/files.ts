// Reads cgroup interface files: whole values, keyed files, and rows for the panel.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCgroupKeyValue, parseCgroupLimit } from '../observe/parse/cgroup.js';
import type { CgroupFile } from '../types.js';

export function readValue(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8').trim();
}

export function readNumber(dir: string, name: string): number {
  const text = readValue(dir, name);
  if (!/^\d+$/.test(text)) throw new Error(`${join(dir, name)}: expected a number, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** A limit file: "max", -1 and v1's page-rounded LONG_MAX all read as null. */
export function readLimit(dir: string, name: string): number | null {
  return parseCgroupLimit(readValue(dir, name));
}

/** One key of a flat keyed file (memory.events, cpu.stat, pids.events, memory.oom_control). */
export function readKey(dir: string, name: string, key: string): number {
  const value = parseCgroupKeyValue(readValue(dir, name))[key];
  if (value === undefined) throw new Error(`${join(dir, name)} has no "${key}" line`);
  return value;
}

export function hasFile(dir: string, name: string): boolean {
  return existsSync(join(dir, name));
}

/** PIDs listed in a cgroup.procs file; none when the directory is gone. */
export function readProcs(dir: string): number[] {
  try {
    return readValue(dir, 'cgroup.procs').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Panel rows for the files of `wanted` that exist in dir, in that order. */
export function fileRows(dir: string, wanted: Array<[name: string, meaning: string]>): CgroupFile[] {
  const out: CgroupFile[] = [];
  for (const [name, meaning] of wanted) {
    let value: string;
    try {
      value = readValue(dir, name);
    } catch {
      continue; // not on this kernel, or the controller is not enabled here
    }
    out.push({ name, meaning, value, dir });
  }
  return out;
}
