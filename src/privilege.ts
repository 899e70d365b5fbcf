// Decides how the helper runs: root, sudo (password asked before the TUI draws) or rootless.
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { whichProgram } from '../native/findProgram.js';
import type { HelperMode } from './helper/client.js';

export interface PrivilegeChoice {
  mode: HelperMode;
  /** shown at the top of the menu, e.g. why some lessons are unavailable */
  note: string | null;
}

/** Can this user make a user namespace? (Ubuntu 24.04's AppArmor and some sysctls forbid it.) */
export function rootlessWorks(): { ok: boolean; why: string } {
  const unshare = whichProgram('unshare');
  if (!unshare) return { ok: false, why: 'unshare(1) is missing: install util-linux' };
  const r = spawnSync(unshare, ['--user', '--map-root-user', 'true'], { encoding: 'utf8', timeout: 5000 });
  if (r.status === 0) return { ok: true, why: '' };
  return {
    ok: false,
    why: `unprivileged user namespaces are disabled here (${(r.stderr || '').trim() || 'unshare failed'}). ` +
      'Enable them with: sudo sysctl kernel.unprivileged_userns_clone=1 (Debian) or ' +
      'sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0 (Ubuntu 24.04+), or run container-lab with sudo.',
  };
}

function sudoWorks(interactive: boolean): boolean {
  if (!whichProgram('sudo')) return false;
  // sudo -v asks for the password on the terminal now, before Ink takes it over.
  const r = spawnSync('sudo', interactive ? ['-v', '-p', 'container-lab: password for %u (to run its helper as root): '] : ['-n', '-v'], { stdio: 'inherit' });
  return r.status === 0;
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim().toLowerCase();
  } finally {
    rl.close();
    // A closed readline leaves stdin reading the terminal underneath; the app reads the keyboard
    // from a stream of its own, and this one must not take keystrokes from it.
    process.stdin.destroy();
  }
}

export async function choosePrivilege(opts: { sudo?: boolean; rootless?: boolean; interactive: boolean }): Promise<PrivilegeChoice> {
  if ((process.geteuid?.() ?? 0) === 0) return { mode: 'root', note: null };
  const rootlessNote = 'Running rootless, inside a user namespace: lessons marked "needs root" are unavailable (start with --sudo to use them).';
  if (opts.rootless) return { mode: 'rootless', note: rootlessNote };
  if (opts.sudo) {
    if (sudoWorks(opts.interactive)) return { mode: 'sudo', note: 'The helper runs as root through sudo.' };
    return { mode: 'rootless', note: 'sudo did not succeed: ' + rootlessNote };
  }
  if (!opts.interactive || !whichProgram('sudo')) return { mode: 'rootless', note: rootlessNote };
  process.stderr.write('container-lab: you are not root. Some lessons need root; the rest can run rootless inside a user namespace.\n');
  const answer = await ask('Use sudo for the lab\'s helper process? [y/N] ');
  if (answer === 'y' || answer === 'yes') {
    if (sudoWorks(true)) return { mode: 'sudo', note: 'The helper runs as root through sudo.' };
    return { mode: 'rootless', note: 'sudo did not succeed: ' + rootlessNote };
  }
  return { mode: 'rootless', note: rootlessNote };
}
