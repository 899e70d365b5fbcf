/** A scope whose keys not bound in it mean what they mean in another: zoomed falls back to the lesson's. */
const FALLS_BACK = { zoomed: 'lesson' };
const ch = (input, ctrl = false) => ({ input, ...(ctrl ? { ctrl } : {}) });
const named = (key) => ({ key });
const moves = (move, ...presses) => presses.map((p) => ({ ...p, move }));
/** A footer entry; the narrow form keeps the key and, unless given, the label. */
const foot = (key, label, compactLabel = label, compactKey = key, more = {}) => ({
    key,
    label,
    compactKey,
    compactLabel,
    ...more,
});
/**
 * In order: the first binding of a scope that a key matches is the one it does (so in the help,
 * q closes the help rather than quitting); the footer and the help list them in this order.
 */
export const BINDINGS = [
    {
        command: 'choose',
        scopes: ['menu'],
        presses: [named('upArrow'), named('downArrow'), ch('k'), ch('j')],
        help: { keys: '↑ ↓ / j k', does: 'choose a lesson' },
        menuHint: { key: '↑↓', label: 'choose' },
        byList: true,
    },
    {
        command: 'open',
        scopes: ['menu'],
        presses: [named('return'), ...'123456789'.split('').map((d) => ch(d))],
        help: { keys: 'Enter / 1-9', does: 'open it' },
        menuHint: { key: 'Enter', label: 'open' },
        byList: true,
    },
    {
        command: 'next',
        scopes: ['lesson'],
        presses: [named('rightArrow'), named('return')],
        help: { keys: '→ / Enter', does: 'run the next step, for real' },
        footer: foot('→/Enter', 'run next step', 'next', '→'),
        replay: { does: 'the next recorded step (played, nothing runs)', label: 'next recorded step', compactLabel: 'next' },
    },
    {
        command: 'back',
        scopes: ['lesson'],
        presses: [named('leftArrow')],
        help: { keys: '←', does: 'undo the last step (rebuilds from the start)' },
        footer: foot('←', 'step back', 'back'),
        replay: { does: 'the recorded step before', label: 'step back', compactLabel: 'back' },
    },
    {
        command: 'reset',
        scopes: ['lesson'],
        presses: [ch('r')],
        help: { keys: 'r', does: 'tear the container down and start again' },
        footer: foot('r', 'reset', 'reset', 'r', { drop: 4 }),
        replay: { does: "the recording's start", label: 'to the start', compactLabel: 'start' },
    },
    {
        command: 'shell',
        scopes: ['lesson'],
        presses: [ch('s')],
        help: { keys: 's', does: 'a shell in the container, once it exists (exit: back)' },
        footer: foot('s', 'shell in container', 'shell'),
        replay: { does: 'no shell: a replay has no container', label: 'no shell', compactLabel: 'no shell' },
    },
    {
        // the task box under the slide names these two while a task is open (no footer entry)
        command: 'hint',
        scopes: ['lesson'],
        presses: [ch('h')],
        help: { keys: 'h / n', does: "the open task's next hint / skip the task" },
        replay: { does: 'nothing: a replay has no tasks', label: 'no tasks', compactLabel: 'no tasks' },
    },
    {
        command: 'skipTask',
        scopes: ['lesson'],
        presses: [ch('n')],
        replay: { does: 'nothing: a replay has no tasks', label: 'no tasks', compactLabel: 'no tasks' },
    },
    {
        command: 'scroll',
        scopes: ['lesson'],
        presses: [
            ...moves('up', named('upArrow'), ch('k')),
            ...moves('down', named('downArrow'), ch('j')),
            ...moves('pageUp', named('pageUp')),
            ...moves('pageDown', named('pageDown'), ch(' ')),
            ...moves('top', named('home')),
            ...moves('bottom', named('end')),
        ],
        help: { keys: '↑ ↓ PgUp PgDn', does: 'scroll the slide (also j k, Space, Home, End)' },
        footer: foot('↑↓ PgDn', 'scroll slide', 'scroll', '↑↓', { onlyScrollable: true }),
        whileBusy: true,
    },
    {
        command: 'slides',
        scopes: ['lesson'],
        presses: [...moves('prev', ch('[')), ...moves('next', ch(']'))],
        help: { keys: '[ ]', does: "read the step before's or after's slide (runs nothing)" },
        footer: foot('[ ]', 'other slides', 'slides', '[ ]', { drop: 1 }),
        whileBusy: true,
    },
    {
        command: 'panels',
        scopes: ['lesson'],
        presses: [ch('p')],
        help: { keys: 'p', does: 'narrow screen: fold the panels to read, or open them' },
        footer: foot('p', 'fold panels', 'panels', 'p', { onlyFoldable: true, drop: 3 }),
        whileBusy: true,
    },
    {
        command: 'jump',
        scopes: ['lesson'],
        presses: [ch('g'), ch(':')],
        help: { keys: 'g N Enter', does: 'go to step N: runs the steps to it, or rebuilds (also :N)' },
        footer: foot('g N', 'go to step', 'go to', 'g', { drop: 2 }),
        replay: { does: 'go to recorded step N (also :N)', label: 'go to step', compactLabel: 'go to' },
    },
    {
        command: 'zoom',
        scopes: ['lesson'],
        presses: [ch('z')],
        help: { keys: 'z', does: 'zoom a panel to full size; z again: the next, then none' },
        footer: foot('z', 'zoom panel', 'zoom', 'z', { drop: 2 }),
        whileBusy: true,
    },
    {
        command: 'blank',
        scopes: ['lesson'],
        presses: [ch('b')],
        help: { keys: 'b', does: 'blank the screen but the title; any key brings it back' },
        footer: foot('b', 'blank screen', 'blank', 'b', { drop: 1 }),
        whileBusy: true,
    },
    // typing the step to go to (after g or :): digits, Backspace, Enter goes, any other key cancels
    {
        command: 'jumpDigit',
        scopes: ['prompt'],
        presses: '0123456789'.split('').map((d) => ch(d)),
        whileBusy: true,
    },
    {
        command: 'jumpErase',
        scopes: ['prompt'],
        presses: [named('backspace'), named('delete')],
        whileBusy: true,
    },
    {
        command: 'jumpGo',
        scopes: ['prompt'],
        presses: [named('return')],
        whileBusy: true,
    },
    {
        command: 'jumpCancel',
        scopes: ['prompt'],
        presses: [named('escape')],
        otherKeys: true,
        whileBusy: true,
    },
    // the blank screen: b or any other key brings the screen back, and does nothing else
    {
        command: 'unblank',
        scopes: ['blank'],
        presses: [ch('b')],
        otherKeys: true,
        whileBusy: true,
    },
    {
        command: 'help',
        scopes: ['menu', 'lesson', 'opening'],
        presses: [ch('?')],
        help: { keys: '?', does: 'this help' },
        footer: foot('?', 'help'),
        menuHint: { key: '?', label: 'help' },
        whileBusy: true,
    },
    {
        command: 'menu',
        scopes: ['lesson', 'opening'],
        presses: [named('escape')],
        help: { keys: 'Esc', does: 'close the lesson and go back to the menu' },
        footer: foot('Esc', 'menu'),
        whileBusy: true,
    },
    {
        command: 'unzoom',
        scopes: ['zoomed'],
        presses: [named('escape')],
        footer: foot('Esc', 'unzoom'),
        whileBusy: true,
    },
    {
        command: 'closeHelp',
        scopes: ['help'],
        presses: [named('escape'), ch('?'), ch('q')],
        help: { keys: 'Esc, ? or q', does: 'closes this help' },
    },
    {
        command: 'quit',
        scopes: ['menu', 'lesson', 'help', 'opening'],
        presses: [ch('q'), ch('c', true)],
        help: { keys: 'q / Ctrl+C', does: 'close everything and quit' },
        footer: foot('q', 'quit'),
        menuHint: { key: 'q', label: 'quit' },
        whileBusy: true,
    },
    // Ctrl+C quits from the prompt and the blank screen too (there q only cancels or unblanks)
    {
        command: 'quit',
        scopes: ['prompt', 'blank'],
        presses: [ch('c', true)],
        whileBusy: true,
    },
];
/** Whether a key press is this key: Ctrl+C needs Ctrl; a plain character is taken with or without it, as Ink reports it. */
export function isPress(p, input, key) {
    if ('key' in p)
        return key[p.key];
    return input === p.input && (!p.ctrl || key.ctrl);
}
/** The bindings a press is looked up in, in order: the scope's own, then those of the scope it falls back to. */
function lookup(scope) {
    const up = FALLS_BACK[scope];
    return [...BINDINGS.filter((b) => b.scopes.includes(scope)), ...(up ? BINDINGS.filter((b) => b.scopes.includes(up)) : [])];
}
/**
 * The binding a key press has in a scope and the press it matched (none for a key taken as one
 * of `otherKeys`), or null when it does nothing there.
 */
export function matchFor(scope, input, key) {
    const bindings = lookup(scope);
    for (const binding of bindings) {
        const press = binding.presses.find((p) => isPress(p, input, key));
        if (press)
            return { binding, press };
    }
    const other = bindings.find((b) => b.otherKeys);
    return other ? { binding: other } : null;
}
/** The binding a key press has in a scope, or null when it does nothing there. */
export function bindingFor(scope, input, key) {
    return matchFor(scope, input, key)?.binding ?? null;
}
const samePress = (a, b) => 'key' in a ? 'key' in b && a.key === b.key : 'input' in b && a.input === b.input && Boolean(a.ctrl) === Boolean(b.ctrl);
/** A binding as a replay has it: its help and footer in the replay's words. */
function asReplay(b) {
    if (!b.replay)
        return b;
    const { does, label, compactLabel } = b.replay;
    return { ...b, help: b.help && { ...b.help, does }, footer: b.footer && { ...b.footer, label, compactLabel } };
}
/** The help's key sections: the menu's keys, then a lesson's (with those that work everywhere); in a replay's words when `replay`. */
export function helpSections(replay = false) {
    const listed = BINDINGS.filter((b) => b.help !== undefined && b.command !== 'closeHelp').map((b) => (replay ? asReplay(b) : b));
    return [
        { title: 'Keys in the menu', bindings: listed.filter((b) => !b.scopes.includes('lesson')) },
        { title: 'Keys in a lesson', bindings: listed.filter((b) => b.scopes.includes('lesson')) },
    ];
}
/** The line that says how the help closes: "Esc, ? or q closes this help". */
export function closeHelpLine() {
    const close = BINDINGS.find((b) => b.command === 'closeHelp');
    return close?.help ? `${close.help.keys} ${close.help.does}` : '';
}
/**
 * The lesson footer's entries in a scope, in table order: those whose key does what the entry
 * says there (zoomed, Esc leaves the zoom and "Esc menu" is not listed); in a replay's words when `replay`.
 */
export function footerBindings(scope = 'lesson', replay = false) {
    const bindings = lookup(scope);
    const reaches = (b) => bindings.find((x) => x.presses.some((p) => samePress(p, b.presses[0]))) === b;
    return BINDINGS.filter((b) => b.footer !== undefined && bindings.includes(b) && reaches(b)).map((b) => (replay ? asReplay(b) : b));
}
/** The menu's key line: `↑↓ choose · Enter open · ? help · q quit`. */
export function menuKeyLine() {
    return BINDINGS.flatMap((b) => (b.menuHint ? [`${b.menuHint.key} ${b.menuHint.label}`] : [])).join(' · ');
}
