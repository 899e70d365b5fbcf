// Splits a lesson file into YAML front matter and markdown body, and parses YAML blocks keeping file lines.
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
/** The file's lines, without a byte order mark, whatever the line endings. */
export function fileLines(text) {
    return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}
const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;
export function splitFrontMatter(text) {
    const lines = fileLines(text);
    if (!OPEN.test(lines[0] ?? '')) {
        return {
            frontMatter: null,
            body: lines.join('\n'),
            bodyLine: 1,
            error: { line: 1, message: 'no front matter: the file must start with a "---" line, then YAML, then "---"' },
        };
    }
    const end = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
    if (end < 0) {
        return {
            frontMatter: null,
            body: '',
            bodyLine: lines.length + 1,
            error: { line: 1, message: 'front matter is never closed: add a "---" line after it' },
        };
    }
    return {
        frontMatter: { yaml: lines.slice(1, end).join('\n'), line: 2 },
        body: lines.slice(end + 1).join('\n'),
        bodyLine: end + 2,
        error: null,
    };
}
/** Parses `text`, whose first line is line `firstLine` of the file. */
export function parseYamlAt(text, firstLine) {
    const lastLine = firstLine + Math.max(0, text.split('\n').length - 1);
    const none = () => null;
    const deep = tooDeep(text);
    if (deep !== null) {
        const message = `nested more than ${MAX_DEPTH} levels deep (a lesson needs a few)`;
        return { value: undefined, error: { line: Math.min(lastLine, firstLine + deep), message }, lineOf: none };
    }
    const counter = new LineCounter();
    let doc;
    try {
        doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
    }
    catch {
        // the parser recurses: what the depth check above misses ends here, not as a stack trace
        return { value: undefined, error: { line: firstLine, message: 'cannot be read (too deeply nested)' }, lineOf: none };
    }
    const lineAt = (offset) => Math.min(lastLine, firstLine + counter.linePos(offset).line - 1);
    const nodeLine = (node) => {
        const range = node?.range;
        return range ? lineAt(range[0]) : null;
    };
    const lineOf = (path) => {
        let node = doc.contents;
        let line = null;
        for (const seg of path) {
            if (isMap(node)) {
                const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
                if (!pair)
                    break;
                line = nodeLine(pair.key) ?? line;
                node = pair.value;
            }
            else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
                node = node.items[seg];
                line = nodeLine(node) ?? line;
            }
            else {
                break;
            }
        }
        return line;
    };
    const first = doc.errors[0];
    if (first) {
        const said = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        const message = /call stack/i.test(said) ? 'cannot be read (too deeply nested)' : said;
        return { value: undefined, error: { line: lineAt(first.pos[0]), message }, lineOf };
    }
    try {
        return { value: doc.toJS(), error: null, lineOf };
    }
    catch (err) {
        // e.g. an alias to nothing, or too many aliases; a RangeError is the stack, not the author
        const message = err instanceof RangeError ? 'cannot be read (too deeply nested)' : err.message;
        return { value: undefined, error: { line: firstLine, message }, lineOf };
    }
}
const MAX_DEPTH = 64;
/**
 * The 0-based line where collections nest deeper than MAX_DEPTH, or null: flow ones (`[`, `{`)
 * counted, block ones by how far in the line's content starts. The YAML parser recurses once per
 * level: a line of ten thousand brackets takes seconds and then overflows the stack. Quoted text
 * is skipped; a quote inside a plain word only makes this miss.
 */
function tooDeep(text) {
    // block collections nest by indentation and by "- " written in a row ("- - - x")
    const lines = text.split('\n');
    const indented = lines.findIndex((l) => (/^[ \t?:-]*/.exec(l)?.[0].length ?? 0) > MAX_DEPTH * 3);
    if (indented >= 0)
        return indented;
    let depth = 0;
    let line = 0;
    let quote = null;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n')
            line++;
        if (quote) {
            if (c === '\\' && quote === '"')
                i++;
            else if (c === quote || c === '\n')
                quote = null;
        }
        else if (c === '"' || c === "'")
            quote = c;
        else if (c === '[' || c === '{') {
            if (++depth > MAX_DEPTH)
                return line;
        }
        else if (c === ']' || c === '}')
            depth = Math.max(0, depth - 1);
    }
    return null;
}
/** File line of a top-level front matter key (e.g. "id"), or 1 when it cannot be found. */
export function frontMatterKeyLine(text, key) {
    const split = splitFrontMatter(text);
    if (!split.frontMatter)
        return 1;
    return parseYamlAt(split.frontMatter.yaml, split.frontMatter.line).lineOf([key]) ?? 1;
}
