// The bundle's files are ASCII only: a non-ASCII character left in a comment is escaped, one left in code fails the build.
//
// Why: V8 keeps a source file that has even one character past U+007F as two-byte text, and
// Node decodes and V8 scans it so (the Ink chunk, 0.8 MB, imported in 13 ms less CPU as ASCII,
// medians of 15 on a busy machine). esbuild escapes strings and identifiers (charset "ascii",
// its default) but keeps the comments it preserves and regex literals as written.

/** a line that is a comment: `// …`, or a line of a `/* … *​/` block */
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;

/** `text` with every non-ASCII character of a comment line written as \uXXXX; throws naming the line of one in code */
export function asciiOnly(text, file) {
  return text.split('\n').map((line, i) => {
    if (!/[^\x00-\x7f]/.test(line)) return line;
    if (!COMMENT_LINE.test(line)) {
      throw new Error(`${file}:${i + 1}: a non-ASCII character in code (write it as an escape in the source, e.g. \\u2022): ${line.trim().slice(0, 120)}`);
    }
    return line.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`); // UTF-16 units: an astral character as its two halves
  }).join('\n');
}
