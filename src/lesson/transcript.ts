// `run <lesson> --no-tui`: performs every step for real and prints a transcript (text or JSON lines).
import type { HelperClient } from '../helper/client.js';
import type { Lesson, NsRow, Snapshot, StepRun } from '../types.js';
import { LiveSession } from './liveSession.js';
import type { SessionEvent } from './reducer.js';
import { formatSyscall } from '../format/syscall.js';
import { describeAction } from '../format/action.js';
import { chainPanelLines } from '../format/chainLines.js';

export interface TranscriptStyle {
  ok(text: string): string;
  bad(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

function nsLine(rows: NsRow[]): string {
  return rows
    .filter((r) => r.container !== null)
    .map((r) => `${r.type}:${r.host === r.container ? 'host' : r.container}`)
    .join(' ');
}

function describeState(s: Snapshot): string[] {
  const lines = [`namespaces  ${nsLine(s.namespaces)}`];
  lines.push(`hostname    host ${s.hostname.host}, container ${s.hostname.container ?? '-'}`);
  for (const p of s.processes) lines.push(`process     host PID ${p.hostPid} = PID ${p.nsPids[p.nsPids.length - 1]} inside  ${p.role}  ${p.cmdline.slice(0, 60)}`);
  const added = s.mounts.filter((m) => m.added);
  for (const m of added.slice(0, 5)) lines.push(`mount       + ${m.fsType} on ${m.mountPoint}`);
  if (s.links.length) lines.push(`links       ${s.links.map((l) => `${l.name} ${l.up ? 'UP' : 'DOWN'}`).join(', ')}`);
  if (s.uidMap) lines.push(`uid_map     ${s.uidMap.replace(/\s+/g, ' ')}`);
  for (const f of s.cgroupFiles ?? []) lines.push(`cgroup      ${f.name} = ${f.value.replace(/\s+/g, ' ').slice(0, 60)}  (${f.meaning})`);
  for (const o of s.overlays ?? []) {
    lines.push(`overlay     ${o.merged}: lower ${o.lower.length} layer(s), upper ${o.upper}`);
    for (const e of o.upperEntries.slice(0, 12)) lines.push(`upper       ${e.kind.padEnd(8)} ${e.path}`);
  }
  // the chain lessons' API log, timeline, bars and daemon views, as the panel draws them
  let title = '';
  for (const l of chainPanelLines(s.chain, 110, 400)) {
    if ('title' in l) title = l.title;
    else lines.push(`${title}: ${l.segs.map((g) => g.text).join('').trim()}`);
  }
  return lines;
}

/** The kernel state lines, only those that changed since the step before (all of them at first). */
function stateChanges(snap: Snapshot | null, before: Set<string>): string[] {
  if (!snap) return [];
  const lines = describeState(snap);
  const changed = lines.filter((l) => !before.has(l));
  before.clear();
  for (const l of lines) before.add(l);
  return changed;
}

function printStep(out: (line: string) => void, style: TranscriptStyle, lesson: Lesson, i: number, run: StepRun, state: string[]): void {
  const step = lesson.steps[i];
  const mark = run.status === 'done' ? style.ok('✓') : run.status === 'skipped' ? style.dim('–') : style.bad('✗');
  out(`${mark} ${style.bold(`step ${i + 1}/${lesson.steps.length}: ${step.title}`)}  ${style.dim(`(${describeAction(step.action)}, ${run.ms.toFixed(1)} ms)`)}`);
  for (const e of run.log) out(`    ${e.errno ? style.bad(formatSyscall(e)) : formatSyscall(e)}`);
  for (const line of run.output) out(`    ${style.dim('│')} ${line}`);
  for (const line of state) out(`    ${style.dim(line)}`);
  for (const c of run.checks) out(`    ${c.skipped ? style.dim('–') : c.ok ? style.ok('✓') : style.bad('✗')} ${c.name}: ${c.detail}`);
  if (run.skipped) {
    out(`    ${style.dim('skipped here:')} ${run.skipped.reason}`);
    out(`    ${style.dim('needs:')} ${run.skipped.needs}`);
  }
  if (run.error) out(`    ${style.bad('error:')} ${run.error}`);
  if (run.hint) out(`    ${style.dim('fix:')} ${run.hint}`);
}

/** --record: the transcript's lines and the session's events go into a recording too (src/record/writer.ts). */
export interface TranscriptRecorder {
  output(text: string): void;
  opened(): void;
  event(event: SessionEvent, at: number): void;
}

/** Returns true when every step and every check passed (or the step was skipped on this host, saying why). */
export async function runTranscript(helper: HelperClient, lesson: Lesson, json: boolean, style: TranscriptStyle, print: (line: string) => void, recorder?: TranscriptRecorder): Promise<boolean> {
  const out = recorder
    ? (line: string) => {
        print(line);
        recorder.output(line + '\r\n');
      }
    : print;
  recorder?.opened();
  const session = await LiveSession.open(helper, lesson, { sampleMs: 0, onEvent: recorder?.event.bind(recorder) });
  let allOk = true;
  const shown = new Set<string>();
  if (json) out(JSON.stringify({ type: 'lesson', id: lesson.id, title: lesson.title, steps: lesson.steps.length }));
  else out(style.bold(`${lesson.title}`) + style.dim(`  (${lesson.steps.length} steps, ${lesson.file})`));
  try {
    for (let i = 0; i < lesson.steps.length; i++) {
      const ok = await session.runStep(i);
      await session.refresh();
      const state = session.getState();
      const run = state.steps[i];
      if (json) out(JSON.stringify({ type: 'step', index: i, title: lesson.steps[i].title, action: lesson.steps[i].action, ...run, state: state.snapshot }));
      else printStep(out, style, lesson, i, run, stateChanges(state.snapshot, shown));
      if (!ok) {
        allOk = false;
        if (run.status === 'failed' && state.cursor <= i) break; // the action itself failed: later steps stand on it
      }
    }
  } finally {
    await session.close();
  }
  const skipped = session.getState().steps.filter((s) => s.status === 'skipped').length;
  if (json) out(JSON.stringify({ type: 'result', ok: allOk, ...(skipped > 0 ? { skipped } : {}) }));
  else if (!allOk) out(style.bad('the lesson did not pass'));
  else if (skipped === 0) out(style.ok(`all ${lesson.steps.length} steps passed`));
  else out(style.ok(`${lesson.steps.length - skipped} step${lesson.steps.length - skipped === 1 ? '' : 's'} passed, ${skipped} skipped on this host`));
  return allOk;
}
