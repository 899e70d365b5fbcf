// Paths to the observer fixture trees and a reader for their files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Captured from the real build host (cgroup v1 hybrid); see its README.md for the PIDs. */
export const HYBRID = fileURLToPath(new URL('../../fixtures/host-hybrid', import.meta.url));
/** Hand-written pure cgroup v2 systemd host; see its README.md. */
export const V2 = fileURLToPath(new URL('../../fixtures/host-v2', import.meta.url));

/** PIDs in host-hybrid, as captured. */
export const H = { init: 1, kthreadd: 2, shell: 6758, unshare: 6766, container: 6771, unmapped: 6767 } as const;
/** PIDs in host-v2. */
export const V = { init: 1, shell: 4242, unshare: 4300, container: 4301, inside: 4302 } as const;

export function fixture(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}
