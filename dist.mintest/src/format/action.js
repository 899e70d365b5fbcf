import { inert } from './inert.js';
/** A parameter value written compactly: `uts,pid`, `4m`, `"echo hi"`. */
export function formatParam(value) {
    if (Array.isArray(value))
        return value.map((v) => formatParam(v)).join(',');
    if (typeof value === 'string')
        return /[\s,="]/.test(value) || value === '' ? JSON.stringify(value) : value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (value === null || value === undefined)
        return String(value);
    return JSON.stringify(value);
}
/** `unshare namespaces=uts,pid` (a control character in a value shown escaped) */
export function describeAction(action) {
    const params = Object.entries(action.params ?? {}).map(([k, v]) => `${k}=${formatParam(v)}`);
    return inert([action.name, ...params].join(' '));
}
