// The lesson front matter schema, and zod issues turned into short words: what is wrong, what is allowed.
import { z } from 'zod';
export const frontMatterSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    // one line each on the menu: a bound keeps a careless or hostile file from costing every frame
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(400),
    privilege: z.enum(['root', 'rootless']),
    /** a root lesson that also runs rootless where the host gives the user this (cgroup-delegation: a v2 subtree from systemd) */
    rootlessWhere: z.enum(['cgroup-delegation']).optional(),
    /** privilege root: which primitive needs root, and why a user namespace is not enough (list and menu show it) */
    rootless: z.string().min(1).max(300).optional(),
    order: z.number().int(),
    /** programs of the container chain the lesson runs (the menu says what to install when missing) */
    requires: z.array(z.enum(['docker', 'dockerd', 'containerd', 'ctr', 'containerd-shim-runc-v2', 'runc'])).default([]),
    /** the lesson also runs on the host's own Docker, when the user starts the app with --host-docker */
    hostDocker: z.boolean().default(false),
});
/** A ```task block's keys (its `check` list is read like an action block's). */
export const TASK_KEYS = ['id', 'title', 'text', 'use', 'hints', 'check'];
/** A ```task block without its checks: what the learner reads and where they may work. */
export const taskSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/).max(60),
    title: z.string().min(1).max(120),
    text: z.string().min(1).max(2000),
    use: z.array(z.enum(['shell', 'second-terminal', 'host'])).min(1),
    hints: z.array(z.string().min(1).max(1000)).max(9).default([]),
});
/**
 * Validates `data`; on failure every problem reads `<label>: <what is wrong> (<what is allowed>)`.
 * On success the value is the schema's output (defaults applied).
 */
export function validate(schema, data, label) {
    const result = schema.safeParse(data);
    if (result.success)
        return { ok: true, value: result.data };
    const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape) : null;
    const problems = result.error.issues.flatMap((issue) => describe(issue, [], data, label, allowed));
    return { ok: false, problems };
}
function describe(issue, prefix, data, label, allowed) {
    const path = [...prefix, ...issue.path];
    const value = valueAt(data, path);
    const subject = path.length ? `${label}: ${pathText(path)}` : label;
    const one = (message) => [{ path, message }];
    switch (issue.code) {
        case 'invalid_type':
            if (value === undefined)
                return one(`${subject} is missing (must be ${typeWord(issue.expected)})`);
            return one(`${subject} must be ${typeWord(issue.expected)}, not ${valueWord(value)}`);
        case 'invalid_value':
            return one(`${subject} must be ${choices(issue.values.map((v) => JSON.stringify(v)))}`);
        case 'too_small':
            return one(`${subject} ${bound('least', issue.origin, Number(issue.minimum), issue.inclusive !== false)}`);
        case 'too_big':
            return one(`${subject} ${bound('most', issue.origin, Number(issue.maximum), issue.inclusive !== false)}`);
        case 'invalid_format':
            return one(`${subject} must match ${issue.format === 'regex' ? issue.pattern : `the ${issue.format} format`}`);
        case 'unrecognized_keys': {
            const owner = path.length === 0 ? allowed : null;
            const hint = owner === null ? '' : owner.length ? ` (allowed: ${owner.join(', ')})` : ' (it takes no parameters)';
            return issue.keys.map((key) => ({ path: [...path, key], message: `${subject}: unknown key "${key}"${hint}` }));
        }
        case 'custom':
            // the allow-lists say their own words: "docker argument --privileged is refused: why"
            if (issue.params?.plain)
                return one(issue.message);
            return one(`${subject}: ${issue.message}`);
        case 'invalid_union':
            return describeUnion(issue.errors, path, data, label, subject, value);
        default:
            return one(`${subject}: ${issue.message}`);
    }
}
/** A union fails as a whole ("a string or a list"), or inside the one branch whose shape fit. */
function describeUnion(branches, path, data, label, subject, value) {
    const shallow = (i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value');
    const deep = branches.find((issues) => issues.length > 0 && !issues.every(shallow));
    if (deep)
        return deep.flatMap((i) => describe(i, path, data, label, null));
    const wanted = branches.flat().flatMap((i) => {
        if (i.code === 'invalid_type')
            return [typeWord(i.expected)];
        if (i.code === 'invalid_value')
            return i.values.map((v) => JSON.stringify(v));
        return [];
    });
    const not = value === undefined ? ' (it is missing)' : `, not ${valueWord(value)}`;
    return [{ path, message: `${subject} must be ${choices(wanted)}${not}` }];
}
function bound(side, origin, n, inclusive) {
    if (origin === 'string') {
        if (side === 'least' && n === 1)
            return 'must not be empty';
        return `must be at ${side} ${n} characters long`;
    }
    if (origin === 'array' || origin === 'set') {
        if (side === 'least' && n === 1)
            return 'must list at least one item';
        return `must have at ${side} ${n} items`;
    }
    if (!inclusive)
        return `must be ${side === 'least' ? 'greater' : 'less'} than ${n}`;
    return `must be at ${side} ${n}`;
}
function typeWord(expected) {
    const words = {
        int: 'an integer',
        number: 'a number',
        string: 'a string',
        boolean: 'true or false',
        array: 'a list',
        object: 'a map',
    };
    return words[expected] ?? expected;
}
/** How a YAML value reads in a message: "a list", "empty", `"100000"` (a string), 1.5. */
export function valueWord(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'empty';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a map';
    if (typeof value === 'string')
        return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    return String(value);
}
function choices(items) {
    const unique = [...new Set(items)];
    if (unique.length <= 1)
        return unique[0] ?? 'something else';
    if (unique.length === 2)
        return `${unique[0]} or ${unique[1]}`;
    return `one of ${unique.join(', ')}`;
}
function pathText(path) {
    return path
        .map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i ? '.' : ''}${String(seg)}`))
        .join('');
}
function valueAt(data, path) {
    let node = data;
    for (const seg of path) {
        if (node === null || typeof node !== 'object')
            return undefined;
        node = node[seg];
    }
    return node;
}
