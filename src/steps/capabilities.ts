// Capability names with parameters and conditions: "overlay {container}", "API proxy if via=proxy".
import type { Capabilities } from './define.js';

const CONDITION = /^(.*?) if (\w+)(!?=)(\S+)$/;

/** The capabilities a step's list means for its parameters: placeholders filled, conditions decided. */
export function expandCapabilities(list: Capabilities | undefined, params: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const entry of list ?? []) {
    const m = CONDITION.exec(entry);
    const template = m ? m[1] : entry;
    if (m && (String(params[m[2]]) === m[4]) !== (m[3] === '=')) continue;
    out.push(...fill(template, params));
  }
  return out;
}

/** "own {namespaces} namespace" with namespaces [uts, pid] is two capabilities. */
function fill(template: string, params: Record<string, unknown>): string[] {
  let results = [template];
  for (const [, key] of template.matchAll(/\{(\w+)\}/g)) {
    const value = params[key];
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    results = results.flatMap((r) => values.map((v) => r.replace(`{${key}}`, v)));
  }
  return results;
}

/** Whether a capability list can ever give this capability: "overlay {container}" gives "overlay c1". */
export function canProvide(list: Capabilities | undefined, capability: string): boolean {
  return (list ?? []).some((entry) => {
    const template = CONDITION.exec(entry)?.[1] ?? entry;
    const pattern = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^ ]+');
    return new RegExp(`^${pattern}$`).test(capability);
  });
}
