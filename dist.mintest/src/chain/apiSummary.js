// What docker API bodies mean for a lesson: one-line summaries of request and response bodies, short paths, streaming endpoints.
const MAX_LENGTH = 160;
const MAX_STRING = 60;
const MAX_ITEMS = 5;
const CREATE_FIELDS = ['Image', 'Cmd', 'Entrypoint', 'Env', 'User', 'WorkingDir', 'Tty', 'OpenStdin', 'Labels', 'ExposedPorts', 'HostConfig'];
const HOST_CONFIG_FIELDS = [
    'NetworkMode', 'AutoRemove', 'Binds', 'Mounts', 'PortBindings', 'Memory', 'MemorySwap', 'NanoCpus', 'CpuShares',
    'PidsLimit', 'Privileged', 'CapAdd', 'CapDrop', 'ReadonlyRootfs', 'Init', 'PidMode', 'IpcMode', 'UsernsMode',
];
const EXEC_FIELDS = ['Cmd', 'User', 'Env', 'WorkingDir', 'Tty', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'Privileged'];
/** "/v1.41/containers/abc/wait?condition=next-exit" → "/containers/abc/wait" */
export function endpointOf(path) {
    const pathname = path.split('?')[0];
    return pathname.replace(/^\/v\d+(?:\.\d+)?(?=\/)/, '') || '/';
}
/** The path with a query string longer than `max` characters cut, e.g. long `filters=` JSON. */
export function shortPath(path, max = 40) {
    const q = path.indexOf('?');
    if (q < 0 || path.length - q - 1 <= max)
        return path;
    return `${path.slice(0, q + 1 + max - 1)}…`;
}
/** Responses that stay open while something happens (events, wait, follow logs, pulls): recorded at their headers, then again at their end. */
export function isStreamingEndpoint(method, path) {
    const ep = endpointOf(path);
    const query = new URLSearchParams(path.split('?')[1] ?? '');
    const flag = (name) => query.get(name)?.toLowerCase();
    if (method === 'GET') {
        if (ep === '/events')
            return true;
        if (/^\/containers\/[^/]+\/logs$/.test(ep))
            return flag('follow') === '1' || flag('follow') === 'true';
        if (/^\/containers\/[^/]+\/stats$/.test(ep))
            return flag('stream') !== '0' && flag('stream') !== 'false';
        return false;
    }
    if (method === 'POST') {
        return /^\/containers\/[^/]+\/(?:wait|attach)$/.test(ep) || /^\/exec\/[^/]+\/start$/.test(ep)
            || ep === '/images/create' || ep === '/build' || /^\/images\/.+\/push$/.test(ep);
    }
    return false;
}
export function summarizeRequest(method, path, contentType, body, info = {}) {
    if (!body || body.length === 0)
        return undefined;
    const parsed = parseJson(contentType, body);
    if (parsed.kind !== 'json')
        return note(contentType, body, info.totalBytes);
    const ep = endpointOf(path);
    let value = parsed.value;
    if (method === 'POST' && ep === '/containers/create' && isObject(value)) {
        value = pick(value, CREATE_FIELDS);
        if (isObject(value.HostConfig))
            value.HostConfig = pick(value.HostConfig, HOST_CONFIG_FIELDS);
    }
    else if (method === 'POST' && /^\/containers\/[^/]+\/exec$/.test(ep) && isObject(value)) {
        value = pick(value, EXEC_FIELDS);
    }
    return render(trim(value, true) ?? (Array.isArray(value) ? [] : {}));
}
export function summarizeResponse(method, path, status, contentType, body, info = {}) {
    if (!body || body.length === 0)
        return info.apiVersion && endpointOf(path) === '/_ping' ? `Api-Version: ${info.apiVersion}` : undefined;
    const truncated = info.totalBytes !== undefined && info.totalBytes > body.length;
    const parsed = parseJson(contentType, body);
    const ep = endpointOf(path);
    if (parsed.kind === 'lines')
        return summarizeLines(ep, parsed.values, truncated ? info.totalBytes : undefined);
    if (parsed.kind !== 'json')
        return note(contentType, body, info.totalBytes);
    const value = parsed.value;
    if (ep === '/events' && status < 400)
        return summarizeLines(ep, [value]);
    if (status >= 400 && isObject(value) && typeof value.message === 'string')
        return render({ message: value.message });
    if (method === 'GET' && ep === '/containers/json' && Array.isArray(value)) {
        return listing(value, 'container', (c) => (isObject(c) && Array.isArray(c.Names) ? String(c.Names[0] ?? '').replace(/^\//, '') : ''));
    }
    if (method === 'GET' && ep === '/images/json' && Array.isArray(value)) {
        return listing(value, 'image', (i) => (isObject(i) && Array.isArray(i.RepoTags) ? String(i.RepoTags[0] ?? '<none>') : '<none>'));
    }
    if (!isObject(value))
        return render(trim(value, false) ?? value);
    let picked = value;
    if (method === 'POST' && (ep === '/containers/create' || /^\/containers\/[^/]+\/exec$/.test(ep)))
        picked = pick(value, ['Id', 'Warnings']);
    else if (/^\/containers\/[^/]+\/wait$/.test(ep))
        picked = pick(value, ['StatusCode', 'Error']);
    else if (ep === '/version')
        picked = pick(value, ['Version', 'ApiVersion']);
    else if (ep === '/info')
        picked = pick(value, ['ServerVersion', 'Containers', 'Images', 'Driver', 'CgroupVersion']);
    else if (/^\/containers\/[^/]+\/json$/.test(ep)) {
        picked = pick(value, ['Id', 'Name', 'State']);
        if (isObject(picked.State))
            picked.State = pick(picked.State, ['Status', 'Pid', 'ExitCode']);
    }
    else if (/^\/images\/.+\/json$/.test(ep))
        picked = pick(value, ['Id', 'RepoTags', 'Size']);
    return render(trim(picked, false) ?? {});
}
function parseJson(contentType, body) {
    const text = body.toString('utf8');
    const start = text.trimStart()[0];
    if (!mediaType(contentType).includes('json') && start !== '{' && start !== '[')
        return { kind: 'other' };
    try {
        return { kind: 'json', value: JSON.parse(text) };
    }
    catch {
        // Streams send one JSON document per line; a cut body has a partial line at an end.
        const values = [];
        for (const line of text.split('\n')) {
            try {
                if (line.trim() !== '')
                    values.push(JSON.parse(line));
            }
            catch { /* partial line */ }
        }
        return values.length > 0 ? { kind: 'lines', values } : { kind: 'other' };
    }
}
function summarizeLines(ep, values, cutFrom) {
    const noun = ep === '/events' ? 'event' : 'message';
    const count = cutFrom === undefined ? `${values.length} ${noun}${values.length === 1 ? '' : 's'}` : `(${humanSize(cutFrom)} of ${noun}s)`;
    if (ep === '/events') {
        const actions = values.map((e) => (isObject(e) ? `${String(e.Type ?? '')} ${String(e.Action ?? e.status ?? '')}`.trim() : '?'));
        return cut(`${count}: ${actions.join(', ')}`);
    }
    const last = values[values.length - 1];
    return cut(`${count}, last ${render(trim(last, false) ?? last)}`);
}
function listing(items, noun, name) {
    const names = items.slice(0, 3).map(name).filter((n) => n !== '');
    const more = items.length > names.length ? `, +${items.length - names.length} more` : '';
    const head = `${items.length} ${noun}${items.length === 1 ? '' : 's'}`;
    return cut(names.length === 0 ? head : `${head}: ${names.join(', ')}${more}`);
}
function note(contentType, body, totalBytes) {
    const size = totalBytes ?? body.length;
    const kind = kindOf(contentType, body);
    if (kind === 'text' && size <= 40) {
        const text = body.toString('utf8').trim();
        if (!/[\n\r]/.test(text))
            return JSON.stringify(text);
    }
    return `(${kind}, ${humanSize(size)})`;
}
function kindOf(contentType, body) {
    const type = mediaType(contentType);
    if (type.includes('json'))
        return 'json';
    if (type === 'application/x-tar' || type === 'application/tar' || body.subarray(257, 262).toString('latin1') === 'ustar')
        return 'tar';
    if (type.includes('gzip') || (body[0] === 0x1f && body[1] === 0x8b))
        return 'gzip';
    if (type.includes('raw-stream') || type.includes('multiplexed-stream'))
        return 'stream';
    if (type.startsWith('text/'))
        return 'text';
    if (type === '' && !/[\x00-\x08\x0e-\x1f]/.test(body.subarray(0, 512).toString('latin1')))
        return 'text';
    return 'bytes';
}
function mediaType(contentType) {
    return (contentType ?? '').split(';')[0].trim().toLowerCase();
}
export function humanSize(bytes) {
    if (bytes < 1000)
        return `${bytes} B`;
    const units = ['kB', 'MB', 'GB', 'TB'];
    let value = bytes / 1000;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
        value /= 1000;
        unit += 1;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function pick(obj, keys) {
    const out = {};
    for (const key of keys)
        if (key in obj)
            out[key] = obj[key];
    return out;
}
/**
 * Drops nulls and empty strings, arrays and objects; with `dropDefaults` (request configs) also false and 0.
 * Long ids become 12 hex digits and "…".
 */
function trim(v, dropDefaults) {
    if (v === null)
        return undefined;
    if (typeof v === 'string')
        return v === '' ? undefined : shortId(v);
    if (typeof v === 'boolean')
        return !v && dropDefaults ? undefined : v;
    if (typeof v === 'number')
        return v === 0 && dropDefaults ? undefined : v;
    if (Array.isArray(v)) {
        const items = v.map((item) => trim(item, dropDefaults));
        // An array's positions matter: keep its defaults unless all of them are, like ConsoleSize [0,0].
        return items.every((item) => item === undefined) ? undefined : items.map((item, i) => item ?? v[i]);
    }
    const out = {};
    for (const [key, value] of Object.entries(v)) {
        const kept = trim(value, dropDefaults);
        if (kept !== undefined)
            out[key] = kept;
    }
    return Object.keys(out).length === 0 ? undefined : out;
}
function shortId(s) {
    const m = /^(sha256:)?([0-9a-f]{64})$/.exec(s);
    return m ? `${m[1] ?? ''}${m[2].slice(0, 12)}…` : s;
}
function shorten(v) {
    if (typeof v === 'string') {
        const s = v.replace(/\s+$/, '');
        return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING - 1)}…` : s;
    }
    if (Array.isArray(v)) {
        const items = v.slice(0, MAX_ITEMS).map(shorten);
        return v.length > MAX_ITEMS ? [...items, `…+${v.length - MAX_ITEMS}`] : items;
    }
    if (isObject(v))
        return Object.fromEntries(Object.entries(v).map(([key, value]) => [key, shorten(value)]));
    return v;
}
function render(v) {
    return cut(JSON.stringify(shorten(v)));
}
function cut(text) {
    return text.length <= MAX_LENGTH ? text : `${text.slice(0, MAX_LENGTH - 1)}…`;
}
