// Load-time check of a lesson's step order: every step's needs are provided by an earlier step.
import { ACTIONS, providersOf } from './registry.js';
import { expandCapabilities } from '../steps/capabilities.js';
/** Walks the steps in order, as the lab will run them; reports each need nothing before provides. */
export function checkStepOrder(steps) {
    const have = new Set();
    const problems = [];
    for (const step of steps) {
        const def = ACTIONS[step.action.name];
        if (!def)
            continue;
        const params = step.action.params;
        for (const need of expandCapabilities(def.needs, params)) {
            if (have.has(need))
                continue;
            const by = providersOf(need);
            const hint = by.length ? ` (${by.join(' or ')} ${by.length === 1 ? 'provides' : 'provide'} it)` : '';
            problems.push({ line: step.line, message: `step "${step.title}": ${def.name} needs ${need}, which no earlier step provides${hint}` });
        }
        for (const gone of expandCapabilities(def.ends, params))
            have.delete(gone);
        for (const made of expandCapabilities(def.provides, params))
            have.add(made);
    }
    return problems;
}
