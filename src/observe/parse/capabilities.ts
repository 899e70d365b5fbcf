// Decodes the capability sets of /proc/<pid>/status (CapInh, CapPrm, CapEff, CapBnd, CapAmb: hex masks) into capability names.
import { CAPABILITY_NAMES } from '../../../native/capabilities.js';

export type CapSetName = 'CapInh' | 'CapPrm' | 'CapEff' | 'CapBnd' | 'CapAmb';
export const CAP_SETS: readonly CapSetName[] = ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb'];

/** The names of the bits set in a hex mask ("00000000a80425fb"), lowest first; a bit past CAP_CHECKPOINT_RESTORE is "cap_<n>". */
export function capNames(hex: string): string[] {
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw new Error(`not a capability mask: ${JSON.stringify(hex)}`);
  const mask = BigInt('0x' + hex);
  const names: string[] = [];
  for (let n = 0; n < 64; n++) {
    if (mask & (1n << BigInt(n))) names.push(CAPABILITY_NAMES[n] ?? `cap_${n}`);
  }
  return names;
}

/** Each Cap* line of a status file, decoded; a set the file lacks is absent from the result. */
export function parseCapabilities(status: string): Partial<Record<CapSetName, string[]>> {
  const out: Partial<Record<CapSetName, string[]>> = {};
  for (const line of status.split('\n')) {
    const m = /^(Cap(?:Inh|Prm|Eff|Bnd|Amb)):\s*([0-9a-fA-F]+)\s*$/.exec(line);
    if (m) out[m[1] as CapSetName] = capNames(m[2]);
  }
  return out;
}

/** One field of a status file ("NoNewPrivs", "Seccomp", "Seccomp_filters"), trimmed; null when the kernel writes none. */
export function statusValue(status: string, field: string): string | null {
  for (const line of status.split('\n')) {
    if (line.startsWith(field + ':')) return line.slice(field.length + 1).trim();
  }
  return null;
}
