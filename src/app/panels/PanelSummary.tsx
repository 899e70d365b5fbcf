// The live panels folded into one line while the learner reads a long slide: what each would show, in a few words.
import type { CheckResult, ChainView, NsRow, ProcessInfo, Snapshot } from '../../types.js';
import type { CgroupReading } from '../../observe/interpret/cgroupReading.js';
import type { LayersReading } from '../../observe/interpret/layersReading.js';
import { syscallFailed } from '../../format/syscall.js';
import { checkCounts } from '../../format/checkMark.js';
import type { Seg } from '../../format/seg.js';
import type { LogLine } from '../derive.js';
import { SegLine } from './SegLine.js';

export interface PanelSummaryInput {
  processes: ProcessInfo[] | null;
  namespaces: NsRow[] | null;
  mounts: Snapshot['mounts'] | null;
  cgroup: CgroupReading;
  layers: LayersReading;
  chain: ChainView | undefined;
  log: LogLine[];
  checks: CheckResult[];
  output: string[];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The folded panels as pieces: `Panels (p opens) checks 2/2 ✓ · ≠ uts pid mnt · 2 processes · 20 mounts, 1 added · …`. */
export function panelSummary(s: PanelSummaryInput): Seg[] {
  const parts: Seg[][] = [];
  // the step just run's checks and the namespaces first: the line is cut at the screen's edge
  if (s.checks.length > 0) {
    const { passed, failed } = checkCounts(s.checks);
    parts.push([{ text: `checks ${passed}/${s.checks.length}${failed === 0 ? ' ✓' : ' ✗'}`, color: failed === 0 ? 'green' : 'red', bold: true }]);
  }
  if (s.namespaces && s.namespaces.length > 0) {
    const own = s.namespaces.filter((r) => r.container !== null && r.host !== null && r.container !== r.host).map((r) => r.type);
    parts.push(own.length > 0 ? [{ text: `≠ ${own.join(' ')}`, color: 'yellow', bold: true }] : [{ text: "namespaces: the host's" }]);
  }
  if (s.processes) {
    const inside = s.processes.filter((p) => p.nsPids.length > 1).length;
    parts.push([{ text: plural(s.processes.length, 'process', 'processes') + (inside > 0 ? `, ${inside} inside` : '') }]);
  }
  if (s.chain) {
    const c = s.chain;
    const bits = [
      c.http && c.http.length > 0 ? plural(c.http.length, 'API request') : '',
      c.timeline ? plural(c.timeline.entries.length, 'process', 'processes') + ' timed' : '',
      c.hops ? `${plural(c.hops.bars.length, 'hop')}, ${Math.round(c.hops.bars.reduce((n, b) => n + b.ms, 0))} ms` : '',
    ].filter(Boolean);
    if (bits.length > 0) parts.push([{ text: bits.join(', '), color: 'magenta' }]);
  }
  if (s.cgroup.files.length > 0) {
    const alert = s.cgroup.files.find((f) => f.alert === 'red') ?? s.cgroup.files.find((f) => f.alert === 'yellow');
    parts.push([{ text: `cgroup: ${plural(s.cgroup.files.length, 'file')}` }, ...(alert ? [{ text: ` (${alert.file.name})`, color: alert.alert ?? undefined, bold: true }] : [])]);
  }
  if (s.layers.overlays.length > 0) {
    const entries = s.layers.overlays.reduce((n, o) => n + o.entries.length, 0);
    parts.push([{ text: `${plural(s.layers.overlays.length, 'overlay')}, ${plural(entries, 'change')} in upper` }]);
  }
  if (s.mounts) {
    const added = s.mounts.filter((m) => m.added).length;
    parts.push([{ text: `${plural(s.mounts.length, 'mount')}, ${added} added` }]);
  }
  const failedCalls = s.log.filter((l) => l.latest && syscallFailed(l.entry)).length;
  parts.push([{ text: plural(s.log.length, 'call') }, ...(failedCalls > 0 ? [{ text: ` (${failedCalls} failed)`, color: 'red', bold: true }] : [])]);
  if (s.output.length > 0) parts.push([{ text: `output: ${plural(s.output.length, 'line')}` }]);
  const out: Seg[] = [{ text: 'Panels', bold: true, color: 'cyan' }, { text: ' (p opens) ', dim: true }];
  parts.forEach((p, i) => out.push(...(i > 0 ? [{ text: ' · ', dim: true }] : []), ...p));
  return out;
}

export function PanelSummary(props: PanelSummaryInput) {
  return <SegLine segs={panelSummary(props)} />;
}
