// The Node version the lab needs, checked before anything else loads: older Nodes fail inside dependencies with a raw SyntaxError.
/** The oldest Node major the lab runs on (package.json "engines"; Ink 6 and its dependencies need it). */
export const NODE_MAJOR = 20;
/**
 * How to get a new enough Node, one line per family. Ubuntu 24.04 ships Node 18 and Debian 12
 * Node 18; Fedora 40 ships 20 and Fedora 41 and newer 22 as "nodejs"; RHEL 8 and 9 (and their
 * rebuilds) carry Node 20 as the nodejs:20 module stream; nvm installs into $HOME without root.
 */
export const NODE_INSTALL = [
    ['Ubuntu, Debian', `curl -fsSL https://deb.nodesource.com/setup_${NODE_MAJOR}.x | sudo -E bash - && sudo apt-get install -y nodejs   (NodeSource)`],
    ['Fedora 40 and newer', 'sudo dnf install nodejs'],
    ['RHEL, Rocky, Alma 8-9', `sudo dnf module install nodejs:${NODE_MAJOR}`],
    ['any Linux, no root', `nvm install ${NODE_MAJOR}   (nvm: https://github.com/nvm-sh/nvm)`],
];
/** The install lines, indented, for the message and for doctor. */
export function nodeInstallLines() {
    return NODE_INSTALL.map(([who, how]) => `  ${(who + ':').padEnd(23)}${how}`);
}
/** What is wrong with this Node, in words with the fix, or null when it is new enough. */
export function nodeVersionProblem(version, execPath) {
    const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
    if (Number.isInteger(major) && major >= NODE_MAJOR)
        return null;
    return [
        `container-lab needs Node ${NODE_MAJOR} or newer; this is Node ${version.replace(/^v/, '') || '(unknown version)'}${execPath ? ` (${execPath})` : ''}.`,
        `Get Node ${NODE_MAJOR} or newer, then run container-lab again:`,
        ...nodeInstallLines(),
    ].join('\n');
}
