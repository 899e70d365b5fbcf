import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The lesson menu: lessons in order (unavailable ones dimmed with the reason), load errors, privilege note.
import { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { errorText } from './derive.js';
import { sourceMark } from '../lesson/consent.js';
import { continueLabel, continuePoint } from './continuePoint.js';
import { menuKeyLine } from './keys.js';
import { allocate } from './layout.js';
import { wrapPlain } from './textWrap.js';
/** Why the backend says a lesson cannot run here; a throwing backend counts as a reason too. */
export function unavailableReason(backend, lesson) {
    try {
        return backend.unavailable(lesson);
    }
    catch (e) {
        return errorText(e);
    }
}
/** Whether a lesson that cannot run here has a recording the backend replays instead. */
export function replayInstead(backend, lesson) {
    try {
        return backend.hasRecording?.(lesson) === true && backend.openRecording !== undefined;
    }
    catch {
        return false;
    }
}
/** the Continue entry's value (no lesson id has a NUL) */
const CONTINUE = '\0continue';
const MESSAGE_COLOR = { info: 'cyan', warn: 'yellow', error: 'red' };
/** The app handles q (quit) and ? (help) for the menu; this component handles choosing. */
export function Menu({ backend, columns, rows, active, message, progress, onOpen }) {
    const entries = useMemo(() => {
        const seen = new Set();
        return [...backend.lessons]
            .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title))
            .map((lesson) => {
            let label = `${lesson.order}. ${lesson.title}`;
            if (seen.has(label))
                label += ` [${lesson.id}]`;
            seen.add(label);
            const reason = unavailableReason(backend, lesson);
            return { lesson, label, reason, recording: reason !== null && replayInstead(backend, lesson) };
        });
    }, [backend]);
    const byLabel = useMemo(() => new Map(entries.map((e) => [e.label, e])), [entries]);
    // where the learner left off, when that lesson runs here (never its recording)
    const resume = useMemo(() => {
        const point = continuePoint(entries.map((e) => e.lesson), progress);
        const entry = point && entries.find((e) => e.lesson === point.lesson);
        return point && entry && entry.reason === null ? { point, label: continueLabel(point) } : null;
    }, [entries, progress]);
    const items = useMemo(() => {
        const lessons = entries.map((e) => ({ key: e.lesson.id, label: e.label, value: e.lesson.id }));
        return resume ? [{ key: CONTINUE, label: resume.label, value: CONTINUE }, ...lessons] : lessons;
    }, [entries, resume]);
    const [highlighted, setHighlighted] = useState(null);
    const [local, setLocal] = useState(null);
    const width = Math.max(20, columns);
    const itemWidth = Math.max(10, width - 2);
    const ItemView = useMemo(() => {
        const View = ({ isSelected = false, label }) => {
            if (resume && label === resume.label) {
                return (_jsx(Box, { width: itemWidth, children: _jsx(Text, { wrap: "truncate-end", color: isSelected ? 'cyan' : 'green', bold: isSelected, children: label }) }));
            }
            const entry = byLabel.get(label);
            const reason = entry?.reason ?? null;
            const reached = entry ? progress?.get(entry.lesson.id) : undefined;
            const total = entry?.lesson.steps.length ?? 0;
            const tasks = reached && reached.tasksSolved > 0 ? `, ${reached.tasksSolved} task${reached.tasksSolved === 1 ? '' : 's'} solved` : '';
            return (_jsx(Box, { width: itemWidth, children: _jsxs(Text, { wrap: "truncate-end", dimColor: reason !== null, color: isSelected ? 'cyan' : undefined, bold: isSelected, children: [label, entry && !entry.lesson.source.trusted ? _jsx(Text, { color: "yellow", children: `  ${sourceMark(entry.lesson)}` }) : null, reached ? _jsx(Text, { color: "green", children: `  ${Math.min(reached.stepsReached, total)}/${total} steps${tasks}` }) : null, reason !== null && entry?.recording ? (_jsx(Text, { color: "yellow", children: `  (can't run here: ${reason} · Enter: its recording)` })) : reason !== null ? (_jsx(Text, { color: "yellow", children: `  (unavailable: ${reason})` })) : entry?.lesson.summary ? (_jsx(Text, { dimColor: true, children: `  ${entry.lesson.summary}` })) : null] }) }));
        };
        return View;
    }, [byLabel, itemWidth, progress, resume]);
    const onContinue = resume !== null && (highlighted ?? CONTINUE) === CONTINUE;
    const current = (onContinue ? entries.find((e) => e.lesson === resume.point.lesson) : entries.find((e) => e.lesson.id === highlighted)) ?? entries[0];
    const shownMessage = local ?? message ?? null;
    // Line budget: the menu never grows past the terminal's height.
    const total = Math.max(6, rows - 1);
    const noteLines = backend.privilegeNote ? wrapPlain(`⚠ ${backend.privilegeNote}`, width, '  ') : [];
    const detailLines = current
        ? [
            ...wrapPlain(current.lesson.summary || current.lesson.title, width - 2).map((l) => ({ text: `  ${l}`, warn: false })),
            ...(onContinue && resume.point.step > 0
                ? wrapPlain(`Enter opens it and runs steps 1–${resume.point.step} again, for real; you go on from there`, width - 2).map((l) => ({ text: `  ${l}`, warn: false }))
                : []),
            ...(current.reason
                ? wrapPlain(`can't run here: ${current.reason}`, width - 2).map((l) => ({ text: `  ${l}`, warn: true }))
                : []),
            ...(current.recording ? wrapPlain('Enter replays a recording of it instead (labelled REPLAY; nothing runs)', width - 2).map((l) => ({ text: `  ${l}`, warn: false })) : []),
        ]
        : [];
    const msgLines = shownMessage ? wrapPlain(shownMessage.text, width) : [];
    const errors = backend.loadErrors;
    const h = allocate(total, [
        { key: 'title', min: 1, want: 1 },
        { key: 'listTitle', min: 1, want: 1 },
        { key: 'list', min: Math.min(3, Math.max(1, items.length)), want: Math.max(1, items.length), weight: 3 },
        { key: 'message', min: Math.min(1, msgLines.length), want: msgLines.length },
        { key: 'note', min: Math.min(1, noteLines.length), want: noteLines.length },
        { key: 'errors', min: errors.length > 0 ? 2 : 0, want: errors.length > 0 ? errors.length + 1 : 0 },
        { key: 'detail', min: 0, want: detailLines.length > 0 ? detailLines.length + 1 : 0 },
    ]);
    const errRoom = Math.max(0, h.errors - 1);
    const errCut = errors.length > errRoom;
    const errShown = errors.slice(0, errCut ? Math.max(0, errRoom - 1) : errRoom);
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { bold: true, color: "magenta", children: "container-lab" }), _jsx(Text, { dimColor: true, children: " \u2014 how containers work, one real kernel step at a time" })] }), noteLines.slice(0, h.note).map((line, i) => (_jsx(Text, { wrap: "truncate-end", color: "yellow", children: line }, `note${i}`))), _jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { bold: true, children: "Lessons" }), _jsx(Text, { dimColor: true, children: ` ${menuKeyLine()}` })] }), items.length === 0 ? (_jsx(Text, { wrap: "truncate-end", color: "yellow", children: "No lessons could be loaded." })) : (_jsx(SelectInput, { items: items, limit: Math.max(1, h.list), isFocused: active, itemComponent: ItemView, onHighlight: (item) => {
                    setHighlighted(item.value);
                    setLocal(null);
                }, onSelect: (item) => {
                    if (item.value === CONTINUE && resume) {
                        setLocal(null);
                        onOpen(resume.point.lesson, resume.point.step);
                        return;
                    }
                    const entry = entries.find((e) => e.lesson.id === item.value);
                    if (!entry)
                        return;
                    if (entry.reason !== null && !entry.recording) {
                        setLocal({ level: 'warn', text: `"${entry.lesson.title}" can't run here: ${entry.reason}` });
                        return;
                    }
                    setLocal(null);
                    onOpen(entry.lesson);
                } })), h.detail > 0 ? (_jsx(Box, { flexDirection: "column", width: width, marginTop: 1, children: detailLines.slice(0, h.detail - 1).map((line, i) => (_jsx(Text, { wrap: "truncate-end", color: line.warn ? 'yellow' : undefined, children: line.text }, `d${i}`))) })) : null, shownMessage
                ? msgLines.slice(0, h.message).map((line, i) => (_jsx(Text, { wrap: "truncate-end", color: MESSAGE_COLOR[shownMessage.level], bold: true, children: line }, `m${i}`)))
                : null, h.errors > 0 ? (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(Text, { wrap: "truncate-end", bold: true, color: "red", children: `Lesson files with problems (${errors.length}) — fix them and start again:` }), errShown.map((e, i) => (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { color: "yellow", children: `${e.file}:${e.line}:` }), _jsx(Text, { color: "red", children: ` ${e.message}` })] }, `e${i}`))), errCut ? (_jsx(Text, { wrap: "truncate-end", dimColor: true, children: `+${errors.length - errShown.length} more` })) : null] })) : null] }));
}
