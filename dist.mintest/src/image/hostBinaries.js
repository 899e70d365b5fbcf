// The host-binaries source of the base layer: the host's own programs plus the libraries ldd names.
import { readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findProgram, whichProgram } from '../../native/findProgram.js';
import { normalizeTarPath } from './tarLayer.js';
/** What a first container needs to look around; sh is the one that must exist. */
export const HOST_PROGRAMS = ['sh', 'ls', 'cat', 'echo', 'ps', 'mount', 'umount', 'hostname', 'id', 'sleep', 'uname', 'mkdir', 'rm', 'touch', 'env', 'kill'];
/**
 * ldd(1) lines: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)", the loader as
 * "/lib64/ld-linux-x86-64.so.2 (0x…)", the kernel's vDSO with no file ("linux-vdso.so.1 (0x…)"),
 * and "libfoo.so.1 => not found".
 */
export function parseLdd(text) {
    const paths = [];
    const missing = [];
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (!line)
            continue;
        const arrow = /^(\S+)\s+=>\s+(.*)$/.exec(line);
        if (arrow) {
            if (/^not found/.test(arrow[2]))
                missing.push(arrow[1]);
            else {
                const path = /^(\/\S+)/.exec(arrow[2]);
                if (path)
                    paths.push(path[1]);
            }
            continue;
        }
        const loader = /^(\/\S+)\s+\(0x[0-9a-f]+\)$/.exec(line);
        if (loader)
            paths.push(loader[1]);
    }
    return { paths, missing };
}
export class HostBinariesError extends Error {
}
/** The libraries a program loads, by ldd; [] for a static program or a script. */
function librariesOf(ldd, program) {
    const r = spawnSync(ldd, [program], { encoding: 'utf8', timeout: 10000 });
    if (r.error)
        throw new HostBinariesError(`could not run ldd on ${program}: ${r.error.message}`);
    if (r.status !== 0) {
        if (/not a dynamic executable/.test(r.stdout + r.stderr))
            return [];
        throw new HostBinariesError(`ldd ${program} failed: ${(r.stderr || r.stdout).trim()}`);
    }
    const { paths, missing } = parseLdd(r.stdout);
    if (missing.length)
        throw new HostBinariesError(`${program} needs ${missing.join(', ')}, which ldd cannot find`);
    return paths;
}
/** The programs of `programs` that are on the host's PATH: what a build from them holds. */
export function hostPrograms(programs = HOST_PROGRAMS) {
    return programs.filter((name) => whichProgram(name) !== null);
}
/**
 * Each program as /bin/<name> and each library at the path ldd names (symlinks followed, so
 * the file is there under the name the loader looks for). Setuid bits are dropped.
 */
export function hostBinaries(programs = HOST_PROGRAMS) {
    const ldd = whichProgram('ldd');
    if (!ldd)
        throw new HostBinariesError('ldd is missing, so the libraries of the host\'s programs cannot be found');
    const entries = new Map();
    const found = hostPrograms(programs);
    if (programs.includes('sh') && !found.includes('sh'))
        throw new HostBinariesError('the host has no sh on PATH');
    for (const name of found) {
        const path = findProgram(name);
        entries.set(`bin/${name}`, { path: `bin/${name}`, type: 'file', mode: (statSync(path).mode & 0o777) | 0o555, data: readFileSync(path) });
        for (const lib of librariesOf(ldd, path)) {
            const rel = normalizeTarPath(lib);
            if (!entries.has(rel))
                entries.set(rel, { path: rel, type: 'file', mode: 0o755, data: readFileSync(lib) });
        }
    }
    const libs = entries.size - found.length;
    return { entries: [...entries.values()], description: `host binaries (${found.join(' ')}) and ${libs} shared libraries named by ldd` };
}
