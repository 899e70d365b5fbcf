// The vocabulary a lesson may use, by name: derived from the action and check definitions.
import { actionDefinitions } from '../actions/index.js';
import { checkDefinitions } from '../checks/index.js';
import { canProvide } from '../steps/capabilities.js';
function byName(list, what) {
    const map = {};
    for (const d of list) {
        if (map[d.name])
            throw new Error(`two ${what} definitions are named ${d.name}`);
        map[d.name] = d;
    }
    return map;
}
export const ACTIONS = byName(actionDefinitions, 'action');
export const CHECKS = byName(checkDefinitions, 'check');
export function isActionName(name) {
    return Object.prototype.hasOwnProperty.call(ACTIONS, name);
}
export function isCheckKind(kind) {
    return Object.prototype.hasOwnProperty.call(CHECKS, kind);
}
/** The actions that can provide a capability, for the hint when no earlier step does. */
export function providersOf(capability) {
    return actionDefinitions.filter((d) => canProvide(d.provides, capability)).map((d) => d.name);
}
