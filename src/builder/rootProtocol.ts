// The requests a root changer (src/programs/changeRoot.ts) takes on its stdin, and its replies.
import type { SyscallEntry } from '../types.js';

export type RootRequest =
  | { op: 'chroot'; path: string }
  | { op: 'escape'; dir: string }
  | { op: 'pivot'; newRoot: string; putOld: string; procFirst?: boolean }
  | { op: 'run'; argv: string[] }
  | { op: 'mountProc' }
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
