// Reads cgroup interface files through a Sys (the real one, or the tests' fake): whole values, keyed files, and rows for the panel.
import { join } from 'node:path';
import { parseCgroupKeyValue, parseCgroupLimit } from '../observe/parse/cgroup.js';
export function readValue(fs, dir, name) {
    return fs.readFile(join(dir, name)).trim();
}
export function readNumber(fs, dir, name) {
    const text = readValue(fs, dir, name);
    if (!/^\d+$/.test(text))
        throw new Error(`${join(dir, name)}: expected a number, got ${JSON.stringify(text)}`);
    return Number(text);
}
/** A limit file: "max", -1 and v1's page-rounded LONG_MAX all read as null. */
export function readLimit(fs, dir, name) {
    return parseCgroupLimit(readValue(fs, dir, name));
}
/** One key of a flat keyed file (memory.events, cpu.stat, pids.events, memory.oom_control). */
export function readKey(fs, dir, name, key) {
    const value = parseCgroupKeyValue(readValue(fs, dir, name))[key];
    if (value === undefined)
        throw new Error(`${join(dir, name)} has no "${key}" line`);
    return value;
}
export function hasFile(fs, dir, name) {
    return fs.exists(join(dir, name));
}
/** PIDs listed in a cgroup.procs file; none when the directory is gone. */
export function readProcs(fs, dir) {
    try {
        return readValue(fs, dir, 'cgroup.procs').split('\n').filter(Boolean).map(Number);
    }
    catch {
        return [];
    }
}
/** Panel rows for the files of `wanted` that exist in dir, in that order. */
export function fileRows(fs, dir, wanted) {
    const out = [];
    for (const [name, meaning] of wanted) {
        let value;
        try {
            value = readValue(fs, dir, name);
        }
        catch {
            continue; // not on this kernel, or the controller is not enabled here
        }
        out.push({ name, meaning, value, dir });
    }
    return out;
}
