import { fileLines, parseYamlAt, splitFrontMatter } from './frontMatter.js';
import { frontMatterSchema, taskSchema, TASK_KEYS, validate, valueWord } from './schema.js';
import { ACTIONS, CHECKS, isActionName, isCheckKind } from '../vocabulary/registry.js';
import { checkStepOrder } from '../vocabulary/stepOrder.js';
import { hostEffects, untrustedProblems } from '../vocabulary/trust.js';
import { inertError, inertLesson } from './inertLesson.js';
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const STEP_HEADING = /^ {0,3}##(?:[ \t]+(.*?))?[ \t]*$/;
const ACTION_KEYS = ['do', 'with', 'check'];
const STEP_TITLE_MAX = 120;
/** The package's own lessons are trusted; a file from anywhere else is parsed with source untrusted. */
export const PACKAGE_SOURCE = { trusted: true, from: 'the package' };
export function parseLesson(file, text, source = PACKAGE_SOURCE) {
    const errors = [];
    const report = (line, message) => errors.push({ file, line, message });
    const split = splitFrontMatter(text);
    if (split.error)
        report(split.error.line, split.error.message);
    const meta = split.frontMatter ? parseFrontMatter(split.frontMatter.yaml, split.frontMatter.line, report) : null;
    const all = fileLines(text);
    const lastLine = Math.max(1, all[all.length - 1] === '' ? all.length - 1 : all.length);
    const bodyLines = split.bodyLine > all.length ? [] : fileLines(split.body);
    const sections = splitSections(bodyLines.map((t, i) => ({ text: t, line: split.bodyLine + i })), report);
    const [intro, ...stepSections] = sections;
    for (const block of intro.blocks) {
        report(block.line, `${block.kind} block before the first step (put it under a "## " heading)`);
    }
    const frontMatterUnclosed = split.error !== null && split.bodyLine > 1;
    if (stepSections.length === 0 && !frontMatterUnclosed) {
        const line = Math.min(split.bodyLine, lastLine);
        report(line, 'no steps: each step starts with a "## " heading and has an action block');
    }
    const steps = stepSections.map((s) => parseStep(s, report)).filter((s) => s !== null);
    reportRepeatedTaskIds(steps, report);
    // the order only means something once everything else in the file is right
    if (errors.length === 0 && meta)
        for (const p of checkStepOrder(steps))
            report(p.line, p.message);
    if (!source.trusted)
        for (const p of untrustedProblems(steps, source.from))
            report(p.line, p.message);
    errors.sort((a, b) => a.line - b.line);
    // what the file says is shown, never acted on by the terminal; action parameters stay as written
    if (errors.length > 0 || !meta)
        return { errors: errors.map(inertError) };
    return { lesson: inertLesson({ ...meta, intro: slideText(intro.lines), steps, file, source, hostEffects: hostEffects(steps) }) };
}
function parseFrontMatter(yaml, firstLine, report) {
    const block = parseYamlAt(yaml, firstLine);
    if (block.error) {
        report(block.error.line, `front matter: bad YAML: ${block.error.message}`);
        return null;
    }
    const result = validate(frontMatterSchema, block.value ?? {}, 'front matter');
    if (result.ok)
        return result.value;
    reportProblems(result.problems, [], block.lineOf, firstLine - 1, report);
    return null;
}
/** Cuts the body at "## " headings outside fenced code; pulls out ```action and ```notes blocks. */
function splitSections(lines, report) {
    const intro = { title: null, line: lines[0]?.line ?? 1, lines: [], blocks: [], unclosedFence: false };
    const sections = [intro];
    let current = intro;
    let fence = null;
    // a block taken out of the slide leaves its blank lines behind: keep one, not two
    let afterBlock = false;
    for (const l of lines) {
        if (fence) {
            const close = FENCE.exec(l.text);
            if (close && close[2][0] === fence.char && close[2].length >= fence.len && close[3].trim() === '') {
                if (fence.block)
                    fence.block.closed = true;
                else
                    current.lines.push(l);
                afterBlock = fence.block !== null;
                fence = null;
            }
            else if (fence.block) {
                fence.block.content.push({ text: stripIndent(l.text, fence.indent), line: l.line });
            }
            else {
                current.lines.push(l);
            }
            continue;
        }
        if (afterBlock && l.text.trim() === '') {
            const last = current.lines[current.lines.length - 1];
            if (!last || last.text.trim() === '')
                continue;
        }
        afterBlock = false;
        const open = FENCE.exec(l.text);
        if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
            const word = open[3].trim().split(/\s+/)[0];
            const kind = word === 'action' || word === 'notes' || word === 'task' ? word : null;
            const block = kind ? { kind, line: l.line, content: [], closed: false } : null;
            if (block)
                current.blocks.push(block);
            else
                current.lines.push(l);
            fence = { char: open[2][0], len: open[2].length, indent: open[1].length, line: l.line, block };
            continue;
        }
        const heading = STEP_HEADING.exec(l.text);
        if (heading) {
            const title = (heading[1] ?? '').replace(/[ \t]+#+$/, '').replace(/^#+$/, '').trim();
            current = { title, line: l.line, lines: [], blocks: [], unclosedFence: false };
            sections.push(current);
            continue;
        }
        current.lines.push(l);
    }
    if (fence) {
        current.unclosedFence = true;
        const close = fence.char.repeat(fence.len);
        report(fence.line, `code block opened here is never closed (add a "${close}" line after it)`);
    }
    return sections;
}
function stripIndent(text, indent) {
    let i = 0;
    while (i < indent && text[i] === ' ')
        i++;
    return text.slice(i);
}
/** Slide markdown: the section's lines without blank lines at either end. */
function slideText(lines) {
    const texts = lines.map((l) => l.text);
    while (texts.length && texts[0].trim() === '')
        texts.shift();
    while (texts.length && texts[texts.length - 1].trim() === '')
        texts.pop();
    return texts.join('\n');
}
function parseStep(section, report) {
    const title = section.title ?? '';
    const name = title ? `step "${title}"` : 'this step';
    if (!title)
        report(section.line, 'step heading has no title (write "## What this step does")');
    if (title.length > STEP_TITLE_MAX)
        report(section.line, `step title is ${title.length} characters long (at most ${STEP_TITLE_MAX}: it is one line of the step list)`);
    const actions = section.blocks.filter((b) => b.kind === 'action');
    const notes = section.blocks.filter((b) => b.kind === 'notes');
    if (actions.length === 0 && !section.unclosedFence) {
        report(section.line, `${name} has no action block (each step needs exactly one \`\`\`action block)`);
    }
    for (const extra of actions.slice(1)) {
        report(extra.line, `${name} has a second action block (the first is at line ${actions[0].line}; one per step)`);
    }
    for (const extra of notes.slice(1)) {
        report(extra.line, `${name} has a second notes block (the first is at line ${notes[0].line}; one per step)`);
    }
    const tasks = section.blocks.filter((b) => b.kind === 'task' && b.closed).map((b) => parseTask(b, report));
    if (actions.length !== 1 || !actions[0].closed)
        return null;
    const parsed = parseAction(actions[0], report);
    if (!parsed || !title || title.length > STEP_TITLE_MAX || tasks.includes(null))
        return null;
    return {
        title,
        slide: slideText(section.lines),
        notes: notes[0] ? slideText(notes[0].content) : '',
        action: parsed.action,
        checks: parsed.checks,
        line: section.line,
        tasks: tasks.filter((t) => t !== null),
    };
}
/** Reads a ```task block: what the learner does, where, the hints, and the checks that decide it. */
function parseTask(block, report) {
    const map = blockMap(block, `it must be a YAML map with ${TASK_KEYS.join(', ')}`, report);
    if (!map)
        return null;
    const { value, at } = map;
    const fail = remembering(report);
    const { check, ...rest } = value;
    const result = validate(taskSchema, rest, 'task');
    if (!result.ok)
        reportProblems(result.problems, [], (p) => at(p), block.line, fail);
    if (check === undefined || check === null)
        fail(block.line, 'task has no "check": list the checks that decide it, like "- hostname-inside: { equals: mine }"');
    const checks = parseChecks(check, at, fail);
    if (fail.failed || !result.ok)
        return null;
    if (checks.length === 0) {
        report(at(['check']), 'task "check" is empty: a task with no check would be solved by doing nothing');
        return null;
    }
    return { ...result.value, checks, line: block.line };
}
/** Progress is kept under a task's id: two tasks of one lesson may not share one. */
function reportRepeatedTaskIds(steps, report) {
    const seen = new Map();
    for (const task of steps.flatMap((s) => s.tasks)) {
        const first = seen.get(task.id);
        if (first !== undefined)
            report(task.line, `task id "${task.id}" is used twice (first at line ${first}): each task needs its own`);
        else
            seen.set(task.id, task.line);
    }
}
function isMap(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A report that remembers whether anything was reported through it. */
function remembering(report) {
    const fail = Object.assign((line, message) => {
        fail.failed = true;
        report(line, message);
    }, { failed: false });
    return fail;
}
/** A block's YAML as a map, with the line of each key; null (and the problem reported) when it is not one. */
function blockMap(block, shape, report) {
    const yaml = parseYamlAt(block.content.map((l) => l.text).join('\n'), block.line + 1);
    if (yaml.error) {
        report(yaml.error.line, `${block.kind} block: bad YAML: ${yaml.error.message}`);
        return null;
    }
    const value = yaml.value;
    if (!isMap(value)) {
        const what = value === null || value === undefined ? 'is empty' : `is ${valueWord(value)}`;
        report(block.line, `${block.kind} block ${what}: ${shape}`);
        return null;
    }
    return { value, at: (path, fallback = block.line) => yaml.lineOf(path) ?? fallback };
}
/** Reads `do`, `with` and `check` from an action block; reports every problem it finds. */
function parseAction(block, report) {
    const map = blockMap(block, 'it must be a YAML map with do, with and check', report);
    if (!map)
        return null;
    const { value, at } = map;
    const fail = remembering(report);
    for (const key of Object.keys(value).filter((k) => !ACTION_KEYS.includes(k))) {
        fail(at([key]), `unknown key "${key}" in action block (allowed: ${ACTION_KEYS.join(', ')})`);
    }
    const action = parseDo(value, at, fail);
    const checks = parseChecks(value.check, at, fail);
    return !fail.failed && action ? { action, checks } : null;
}
function parseDo(value, at, fail) {
    const known = Object.keys(ACTIONS).join(', ');
    const name = value.do;
    if (name === undefined || name === null) {
        fail(at(['do']), `action block has no "do" (known actions: ${known})`);
        return null;
    }
    if (typeof name !== 'string' || !isActionName(name)) {
        const what = typeof name === 'string' ? `"${name}"` : valueWord(name);
        fail(at(['do']), `unknown action ${what} (known: ${known})`);
        return null;
    }
    const params = value.with ?? {};
    if (!isMap(params)) {
        fail(at(['with']), `action ${name}: "with" must be a map of parameters, not ${valueWord(params)}`);
        return null;
    }
    const schema = ACTIONS[name].params;
    const result = validate(schema, params, `action ${name}`);
    if (result.ok)
        return { name, params: result.value };
    const fallback = at(['with'], at(['do']));
    reportProblems(result.problems, ['with'], (p) => at(p, fallback), fallback, fail);
    return null;
}
function parseChecks(list, at, fail) {
    if (list === undefined || list === null)
        return [];
    if (!Array.isArray(list)) {
        fail(at(['check']), `"check" must be a list like "- ns-differs: { ns: uts }", not ${valueWord(list)}`);
        return [];
    }
    const known = Object.keys(CHECKS).join(', ');
    const checks = [];
    list.forEach((item, i) => {
        const line = at(['check', i], at(['check']));
        const keys = isMap(item) ? Object.keys(item) : [];
        if (!isMap(item) || keys.length !== 1) {
            const example = typeof item === 'string' ? `"- ${item}: {}"` : `"- ${keys[0] ?? 'kind'}: { params }"`;
            const found = isMap(item) ? `${keys.length} keys${keys.length ? ` (${keys.join(', ')})` : ''}` : valueWord(item);
            fail(line, `a check is a one-key map like ${example}, not ${found}`);
            return;
        }
        const kind = keys[0];
        if (!isCheckKind(kind)) {
            fail(line, `unknown check "${kind}" (known: ${known})`);
            return;
        }
        const params = item[kind] ?? {};
        if (!isMap(params)) {
            fail(line, `check ${kind}: parameters must be a map like { key: value }, not ${valueWord(params)}`);
            return;
        }
        const schema = CHECKS[kind].params;
        const result = validate(schema, params, `check ${kind}`);
        if (result.ok)
            checks.push({ kind, params: result.value, line });
        else
            reportProblems(result.problems, ['check', i, kind], (p) => at(p, line), line, fail);
    });
    return checks;
}
/** Reports schema problems on the line of the key they are about (or the nearest one that exists). */
function reportProblems(problems, prefix, lineOf, fallback, report) {
    for (const p of problems)
        report(lineOf([...prefix, ...p.path]) ?? fallback, p.message);
}
