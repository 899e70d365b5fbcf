import { LiveSession } from './liveSession.js';
import { formatSyscall } from '../format/syscall.js';
import { describeAction } from '../format/action.js';
import { chainPanelLines } from '../format/chainLines.js';
function nsLine(rows) {
    return rows
        .filter((r) => r.container !== null)
        .map((r) => `${r.type}:${r.host === r.container ? 'host' : r.container}`)
        .join(' ');
}
function describeState(s) {
    const lines = [`namespaces  ${nsLine(s.namespaces)}`];
    lines.push(`hostname    host ${s.hostname.host}, container ${s.hostname.container ?? '-'}`);
    for (const p of s.processes)
        lines.push(`process     host PID ${p.hostPid} = PID ${p.nsPids[p.nsPids.length - 1]} inside  ${p.role}  ${p.cmdline.slice(0, 60)}`);
    const added = s.mounts.filter((m) => m.added);
    for (const m of added.slice(0, 5))
        lines.push(`mount       + ${m.fsType} on ${m.mountPoint}`);
    if (s.links.length)
        lines.push(`links       ${s.links.map((l) => `${l.name} ${l.up ? 'UP' : 'DOWN'}`).join(', ')}`);
    if (s.uidMap)
        lines.push(`uid_map     ${s.uidMap.replace(/\s+/g, ' ')}`);
    for (const f of s.cgroupFiles ?? [])
        lines.push(`cgroup      ${f.name} = ${f.value.replace(/\s+/g, ' ').slice(0, 60)}  (${f.meaning})`);
    for (const o of s.overlays ?? []) {
        lines.push(`overlay     ${o.merged}: lower ${o.lower.length} layer(s), upper ${o.upper}`);
        for (const e of o.upperEntries.slice(0, 12))
            lines.push(`upper       ${e.kind.padEnd(8)} ${e.path}`);
    }
    // the chain lessons' API log, timeline, bars and daemon views, as the panel draws them
    let title = '';
    for (const l of chainPanelLines(s.chain, 110, 400)) {
        if ('title' in l)
            title = l.title;
        else
            lines.push(`${title}: ${l.segs.map((g) => g.text).join('').trim()}`);
    }
    return lines;
}
/** The kernel state lines, only those that changed since the step before (all of them at first). */
function stateChanges(snap, before) {
    if (!snap)
        return [];
    const lines = describeState(snap);
    const changed = lines.filter((l) => !before.has(l));
    before.clear();
    for (const l of lines)
        before.add(l);
    return changed;
}
function printStep(out, style, lesson, i, run, state) {
    const step = lesson.steps[i];
    const mark = run.status === 'done' ? style.ok('✓') : style.bad('✗');
    out(`${mark} ${style.bold(`step ${i + 1}/${lesson.steps.length}: ${step.title}`)}  ${style.dim(`(${describeAction(step.action)}, ${run.ms.toFixed(1)} ms)`)}`);
    for (const e of run.log)
        out(`    ${e.errno ? style.bad(formatSyscall(e)) : formatSyscall(e)}`);
    for (const line of run.output)
        out(`    ${style.dim('│')} ${line}`);
    for (const line of state)
        out(`    ${style.dim(line)}`);
    for (const c of run.checks)
        out(`    ${c.ok ? style.ok('✓') : style.bad('✗')} ${c.name}: ${c.detail}`);
    if (run.error)
        out(`    ${style.bad('error:')} ${run.error}`);
    if (run.hint)
        out(`    ${style.dim('fix:')} ${run.hint}`);
}
/** Returns true when every step and every check passed. */
export async function runTranscript(helper, lesson, json, style, print, recorder) {
    const out = recorder
        ? (line) => {
            print(line);
            recorder.output(line + '\r\n');
        }
        : print;
    recorder?.opened();
    const session = await LiveSession.open(helper, lesson, { sampleMs: 0, onEvent: recorder?.event.bind(recorder) });
    let allOk = true;
    const shown = new Set();
    if (json)
        out(JSON.stringify({ type: 'lesson', id: lesson.id, title: lesson.title, steps: lesson.steps.length }));
    else
        out(style.bold(`${lesson.title}`) + style.dim(`  (${lesson.steps.length} steps, ${lesson.file})`));
    try {
        for (let i = 0; i < lesson.steps.length; i++) {
            const ok = await session.runStep(i);
            await session.refresh();
            const state = session.getState();
            const run = state.steps[i];
            if (json)
                out(JSON.stringify({ type: 'step', index: i, title: lesson.steps[i].title, action: lesson.steps[i].action, ...run, state: state.snapshot }));
            else
                printStep(out, style, lesson, i, run, stateChanges(state.snapshot, shown));
            if (!ok) {
                allOk = false;
                if (run.status === 'failed' && state.cursor <= i)
                    break; // the action itself failed: later steps stand on it
            }
        }
    }
    finally {
        await session.close();
    }
    if (json)
        out(JSON.stringify({ type: 'result', ok: allOk }));
    else
        out(allOk ? style.ok(`all ${lesson.steps.length} steps passed`) : style.bad('the lesson did not pass'));
    return allOk;
}
