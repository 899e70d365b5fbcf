// The requests a root changer (src/programs/changeRoot.ts) takes on its stdin, and its replies.
import type { SyscallEntry } from '../types.js';

export type RootRequest =
  | { op: 'chroot'; path: string }
  | { op: 'escape'; dir: string }
  | { op: 'pivot'; newRoot: string; putOld: string; procFirst?: boolean }
  | { op: 'run'; argv: string[] }
  /** proc on /proc; with `under`, first a mount namespace of its own, then proc on <under>/proc */
  | { op: 'mountProc'; under?: string }
  | { op: 'exec'; argv: string[] };

export interface RootReply {
  ok: boolean;
  pid: number;
  output: string[];
  log: SyscallEntry[];
  error?: string;
  hint?: string;
  status?: number | null;
  signal?: string | null;
  stdout?: string;
  stderr?: string;
}
