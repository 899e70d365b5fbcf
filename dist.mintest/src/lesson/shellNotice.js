// Why `s` opens no shell yet, in one line: what the container lacks and which step of this lesson makes it.
import { ACTIONS } from '../vocabulary/registry.js';
import { expandCapabilities } from '../steps/capabilities.js';
const NAMESPACE_WORDS = { 'own mnt namespace': 'mount', 'own pid namespace': 'PID' };
/** The first step at or after `from` (0-based) whose action provides the capability, else -1. */
function providerIndex(lesson, capability, from, to = lesson.steps.length) {
    for (let i = from; i < to; i++) {
        const { name, params } = lesson.steps[i].action;
        if (expandCapabilities(ACTIONS[name]?.provides, params).includes(capability))
            return i;
    }
    return -1;
}
function stepName(lesson, i) {
    return `step ${i + 1} “${lesson.steps[i].title}”`;
}
/** "step 1 “Namespaces” makes them", or where each comes from, or why none will. */
function whoMakes(lesson, cursor, missing, what) {
    const found = missing.map((m) => providerIndex(lesson, m, cursor));
    if (found.every((i) => i >= 0)) {
        const steps = [...new Set(found)];
        if (steps.length === 1)
            return `${stepName(lesson, steps[0])} ${missing[0] === 'PID 1' ? 'starts' : 'makes'} ${missing.length > 1 ? 'them' : 'it'}.`;
        return missing.map((m, k) => `${stepName(lesson, found[k])} makes the ${NAMESPACE_WORDS[m] ?? m} namespace`).join(', ') + '.';
    }
    const earlier = missing.map((m) => providerIndex(lesson, m, 0, cursor)).find((i) => i >= 0);
    if (earlier !== undefined)
        return `${stepName(lesson, earlier)} made ${what}, but it is gone: r starts the lesson again.`;
    if (lesson.requires.length > 0)
        return 'this lesson\'s container comes from its daemons: the shell opens once a step runs one.';
    return 'this lesson never makes one, so there is no container to open a shell in here.';
}
/** The informational line shown instead of a shell. */
export function shellRefusal(lesson, cursor, missing) {
    const namespaces = missing.filter((m) => m !== 'PID 1');
    if (namespaces.length > 0) {
        const still = namespaces.length > 1 ? '' : `; its ${NAMESPACE_WORDS[namespaces[0]]} namespace is still the host's`;
        const what = namespaces.length > 1 ? 'them' : `the ${NAMESPACE_WORDS[namespaces[0]]} namespace`;
        return `No container yet: the shell opens once it has its own mount and PID namespaces${still} — ${whoMakes(lesson, cursor, namespaces, what)}`;
    }
    return `The container's PID namespace has no PID 1 yet (a shell would become its PID 1, and the namespace would end with it) — ${whoMakes(lesson, cursor, ['PID 1'], 'PID 1')}`;
}
