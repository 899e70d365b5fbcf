// What to install for the chain lessons, in the words of the user's distribution (/etc/os-release).
import { readFileSync } from 'node:fs';
/** os-release(5): KEY=value lines, values optionally quoted. */
export function parseOsRelease(text) {
    const values = {};
    for (const line of text.split('\n')) {
        const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (m)
            values[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2');
    }
    return {
        id: (values.ID ?? 'linux').toLowerCase(),
        idLike: (values.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean),
        prettyName: values.PRETTY_NAME ?? values.NAME ?? 'Linux',
    };
}
const HINTS = [
    { families: ['debian', 'ubuntu'], command: 'sudo apt-get install docker.io containerd runc' },
    { families: ['fedora', 'rhel', 'centos'], command: 'sudo dnf install moby-engine containerd runc' },
    { families: ['arch'], command: 'sudo pacman -S docker containerd runc' },
    { families: ['opensuse', 'suse', 'sles'], command: 'sudo zypper install docker containerd runc' },
    { families: ['alpine'], command: 'sudo apk add docker containerd runc' },
];
export function installHint(os) {
    for (const family of [os.id, ...os.idLike]) {
        const hint = HINTS.find((h) => h.families.includes(family));
        if (hint)
            return `${hint.command}   (on ${os.prettyName})`;
    }
    return `install Docker Engine, containerd and runc with ${os.prettyName}'s package manager`;
}
/** This host's os-release(5): /etc/os-release, else /usr/lib/os-release. */
export function hostOsRelease() {
    for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
        try {
            return parseOsRelease(readFileSync(path, 'utf8'));
        }
        catch {
            // try the next
        }
    }
    return parseOsRelease('');
}
