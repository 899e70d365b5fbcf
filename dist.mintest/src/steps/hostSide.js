import { holdingTemplate } from './capabilities.js';
/** A parameter as it reads in a sentence: a list joined by spaces, control characters escaped. */
function word(value) {
    const text = Array.isArray(value) ? value.map((v) => (/\s/.test(String(v)) ? JSON.stringify(v) : String(v))).join(' ') : String(value ?? '');
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
/** The effect lines that hold for these parameters, placeholders filled: "runs `ls -l` as root on the host". */
export function effectLines(host, params) {
    const list = typeof host.effect === 'string' ? [host.effect] : host.effect;
    return list.flatMap((entry) => {
        const template = holdingTemplate(entry, params);
        return template === null ? [] : [template.replace(/\{(\w+)\}/g, (_, key) => word(params[key]))];
    });
}
/** Why an untrusted lesson may not take this step with these parameters, or null when it may. */
export function untrustedRefusal(host, params) {
    if (host.untrusted === 'allowed')
        return null;
    const { refused, if: condition } = host.untrusted;
    if (condition === undefined)
        return refused;
    return holdingTemplate(`x if ${condition}`, params) === null ? null : refused;
}
/** The effect as the vocabulary documents it: every line with its condition, placeholders kept. */
export function effectDoc(host) {
    return typeof host.effect === 'string' ? [host.effect] : [...host.effect];
}
/** "allowed", "refused: why" or "refused if where=host: why", for the vocabulary. */
export function untrustedDoc(host) {
    if (host.untrusted === 'allowed')
        return 'allowed (listed before the first step, the learner asked)';
    const { refused, if: condition } = host.untrusted;
    return `refused${condition ? ` if ${condition}` : ''}: ${refused}`;
}
