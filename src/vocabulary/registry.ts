// The vocabulary a lesson may use, by name: derived from the action and check definitions.
import { actionDefinitions } from '../actions/index.js';
import { checkDefinitions } from '../checks/index.js';
import { canProvide } from '../steps/capabilities.js';
import type { ActionDefinition, CheckDefinition } from '../steps/define.js';

function byName<D extends { name: string }>(list: readonly D[], what: string): Readonly<Record<string, D>> {
  const map: Record<string, D> = {};
  for (const d of list) {
    if (map[d.name]) throw new Error(`two ${what} definitions are named ${d.name}`);
    map[d.name] = d;
  }
  return map;
}

export const ACTIONS: Readonly<Record<string, ActionDefinition>> = byName(actionDefinitions, 'action');
export const CHECKS: Readonly<Record<string, CheckDefinition>> = byName(checkDefinitions, 'check');

export function isActionName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(ACTIONS, name);
}

export function isCheckKind(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(CHECKS, kind);
}

/** The actions that can provide a capability, for the hint when no earlier step does. */
export function providersOf(capability: string): string[] {
  return actionDefinitions.filter((d) => canProvide(d.provides, capability)).map((d) => d.name);
}
