// Finds the container chain's programs on this host (docker → dockerd → containerd → shim → runc) and their versions.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { whichProgram } from '../../native/findProgram.js';
export const CHAIN_PROGRAMS = ['docker', 'dockerd', 'containerd', 'ctr', 'containerd-shim-runc-v2', 'runc'];
/**
 * The first version-looking word of a program's `--version` (or `-v`) output:
 * "Docker version 28.2.2, build e6534b4" → 28.2.2; "runc version 1.1.5+ds1" → 1.1.5+ds1;
 * "containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+b1" → 1.6.20~ds1.
 */
export function parseVersion(output) {
    const firstLine = output.split('\n').find((l) => l.trim() !== '') ?? '';
    // the shim prints its name alone, then "  Version:  1.6.20~ds1" on a line of its own
    const line = /\d+\.\d+/.test(firstLine) ? firstLine : (output.split('\n').find((l) => /^\s*Version:/i.test(l)) ?? firstLine);
    const m = /\bv?(\d+\.\d+(?:\.\d+)?[0-9A-Za-z.+~-]*)/.exec(line);
    return m ? m[1].replace(/[,;]$/, '') : null;
}
function versionOf(path) {
    for (const flag of ['--version', '-v']) {
        const r = spawnSync(path, [flag], { encoding: 'utf8', timeout: 5000 });
        if (r.error)
            return null;
        const version = parseVersion(`${r.stdout}\n${r.stderr}`);
        if (version)
            return version;
    }
    return null;
}
export function discoverChain(find = whichProgram) {
    return CHAIN_PROGRAMS.map((name) => {
        const path = find(name);
        return { name, path, version: path ? versionOf(path) : null };
    });
}
/**
 * The docker CLI the lab runs: of the same release as dockerd when there are several (a newer
 * client first on PATH, e.g. /usr/local/bin/docker, would still work through API version
 * negotiation, but the distribution's own pair is what the lessons were written against).
 */
export function labDockerCli(docker, dockerd, candidates = ['/usr/bin/docker', '/usr/local/bin/docker', '/bin/docker']) {
    if (!docker.path || !dockerd.version)
        return docker;
    const release = (v) => v?.split('+')[0] ?? null;
    if (release(docker.version) === release(dockerd.version))
        return docker;
    for (const path of candidates) {
        if (path === docker.path || !existsSync(path))
            continue;
        const version = versionOf(path);
        if (release(version) === release(dockerd.version))
            return { name: 'docker', path, version };
    }
    return docker;
}
