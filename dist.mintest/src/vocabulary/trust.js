// What a lesson's steps do to the host, from the action definitions: the consent list and the untrusted refusals.
import { ACTIONS } from './registry.js';
import { effectLines, untrustedRefusal } from '../steps/hostSide.js';
/** Each step's host-side effects in words, parameters filled in. */
export function hostEffects(steps) {
    return steps.map((step) => {
        const def = ACTIONS[step.action.name];
        return { step: step.title, effects: def ? effectLines(def.host, step.action.params) : [] };
    });
}
/** The steps a lesson from outside the package may not take, each on its heading's line, with why. */
export function untrustedProblems(steps, from) {
    const problems = [];
    for (const step of steps) {
        const def = ACTIONS[step.action.name];
        const why = def ? untrustedRefusal(def.host, step.action.params) : null;
        if (why === null)
            continue;
        const what = conditionWords(step.action.name, def.host.untrusted);
        problems.push({ line: step.line, message: `step "${step.title}": ${what} is refused in a lesson from ${from}: ${why}` });
    }
    return problems;
}
function conditionWords(name, untrusted) {
    const condition = typeof untrusted === 'object' && untrusted !== null ? untrusted.if : undefined;
    return condition ? `${name} with ${condition.replace('!=', ' other than ').replace('=', ' ')}` : name;
}
