// What the capability sets of a /proc/<pid>/status say, line by line: each mask and count, the effective set by name, and Docker's 14 against the bounding set.
import { parseCapabilities, CAP_SETS } from '../parse/capabilities.js';
import { DOCKER_DEFAULT_CAPS } from '../../../native/capabilities.js';

/** Docker's default set drops these first: the ones a lesson names when it says what the 14 leave out. */
const FIRST_DROPPED = ['CAP_SYS_ADMIN', 'CAP_NET_ADMIN', 'CAP_SYS_MODULE', 'CAP_SYS_PTRACE', 'CAP_SYS_RAWIO', 'CAP_SYS_TIME', 'CAP_DAC_READ_SEARCH'];

/** "CAP_SYS_ADMIN CAP_KILL" → "sys_admin kill". */
export function shortCapNames(names: string[]): string {
  return names.map((n) => n.replace(/^CAP_/, '').toLowerCase()).join(' ');
}

/** One line per set the status has (mask and count), CapEff by name when short, and what Docker's default 14 would drop from CapBnd. */
export function capabilityLines(status: string): string[] {
  const sets = parseCapabilities(status);
  const masks = new Map([...status.matchAll(/^(Cap\w+):\s*([0-9a-f]+)$/gm)].map((m) => [m[1], m[2]]));
  const out = CAP_SETS.filter((s) => sets[s]).map((s) => `${s} ${masks.get(s)}: ${sets[s]!.length} capabilities`);
  const eff = sets.CapEff ?? [];
  if (eff.length && eff.length <= 16) out.push(`CapEff by name: ${shortCapNames(eff)}`);
  const bnd = sets.CapBnd ?? [];
  const notDockers = bnd.filter((c) => !DOCKER_DEFAULT_CAPS.includes(c as (typeof DOCKER_DEFAULT_CAPS)[number]));
  if (notDockers.length) {
    const ordered = [...FIRST_DROPPED.filter((c) => notDockers.includes(c)), ...notDockers.filter((c) => !FIRST_DROPPED.includes(c))];
    out.push(`Docker's default set would drop ${notDockers.length} of these: ${shortCapNames(ordered)}`);
  } else {
    out.push(`the bounding set holds nothing beyond Docker's default 14: ${shortCapNames(bnd)}`);
  }
  return out;
}
