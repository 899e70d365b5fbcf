const CONDITION = /^(.*?) if (\w+)(!?=)(\S+)$/;
/** The capabilities a step's list means for its parameters: placeholders filled, conditions decided. */
export function expandCapabilities(list, params) {
    const out = [];
    for (const entry of list ?? []) {
        const template = holdingTemplate(entry, params);
        if (template !== null)
            out.push(...fill(template, params));
    }
    return out;
}
/** "x if where=host": "x" when the condition holds for these parameters (a list reads as its words), else null. */
export function holdingTemplate(entry, params) {
    const m = CONDITION.exec(entry);
    if (!m)
        return entry;
    const value = params[m[2]];
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    return (text === m[4]) === (m[3] === '=') ? m[1] : null;
}
/** "own {namespaces} namespace" with namespaces [uts, pid] is two capabilities. */
function fill(template, params) {
    let results = [template];
    for (const [, key] of template.matchAll(/\{(\w+)\}/g)) {
        const value = params[key];
        const values = Array.isArray(value) ? value.map(String) : [String(value)];
        results = results.flatMap((r) => values.map((v) => r.replace(`{${key}}`, v)));
    }
    return results;
}
/** Whether a capability list can ever give this capability: "overlay {container}" gives "overlay c1". */
export function canProvide(list, capability) {
    return (list ?? []).some((entry) => {
        const template = CONDITION.exec(entry)?.[1] ?? entry;
        const pattern = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^ ]+');
        return new RegExp(`^${pattern}$`).test(capability);
    });
}
