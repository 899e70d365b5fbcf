// The busybox source of the base layer: a static busybox on PATH, plus one symlink per applet.
import { readFileSync, realpathSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { whichProgram } from '../../native/findProgram.js';
import { fileElfLinking } from './elf.js';
/** The static busybox on PATH, or null (none, or a dynamically linked one: it would need its libraries). */
export function findStaticBusybox(path) {
    const candidate = path ?? whichProgram('busybox');
    if (!candidate)
        return null;
    try {
        return fileElfLinking(candidate) === 'static' ? realpathSync(candidate) : null;
    }
    catch {
        return null;
    }
}
/** "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)" from its banner, or "BusyBox". */
function version(busybox) {
    const r = spawnSync(busybox, [], { encoding: 'utf8', timeout: 5000 });
    const first = (r.stdout || '').split('\n')[0];
    return first.replace(/\s+multi-call binary\.?$/, '').trim() || 'BusyBox';
}
/**
 * A symlink to /bin/busybox for every applet `busybox --list-full` names: busybox picks the
 * applet from argv[0], so /bin/sh → /bin/busybox runs its shell.
 */
export function appletLinks(busybox) {
    const list = spawnSync(busybox, ['--list-full'], { encoding: 'utf8', timeout: 5000 });
    if (list.status !== 0)
        throw new Error(`${busybox} --list-full failed: ${(list.stderr || list.error?.message || '').trim()}`);
    const links = [];
    for (const line of list.stdout.split('\n')) {
        const applet = line.trim();
        // "linuxrc" is busybox's init for an initrd; it has no business in a container image.
        if (!applet || applet === 'bin/busybox' || applet === 'linuxrc' || applet.includes('..'))
            continue;
        links.push({ path: applet, type: 'symlink', mode: 0o777, linkname: '/bin/busybox' });
    }
    return links;
}
/** /bin/busybox and its applet links. */
export function busyboxBinaries(busybox) {
    const entries = [{ path: 'bin/busybox', type: 'file', mode: 0o755, data: readFileSync(busybox) }, ...appletLinks(busybox)];
    return { entries, description: `${version(busybox)}, static, with ${entries.length - 1} applet links` };
}
