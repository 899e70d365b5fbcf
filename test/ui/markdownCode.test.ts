// Code blocks in lesson markdown: a labelled one is highlighted, one without a language is shown as written.
import { describe, expect, it } from 'vitest';

// cli-highlight's own chalk decides from the environment when it is first loaded: colours on, here
process.env.FORCE_COLOR = '1';
const { renderMarkdown } = await import('../../src/app/markdown.js');
const { stripAnsi } = await import('../../src/app/textWrap.js');

const sgr = /\u001b\[(?!0m)[0-9;]*m/;

describe('code blocks', () => {
  it('highlights a c block', () => {
    const c = renderMarkdown('```c\nint main(void) { return 0; }\n```\n', 70);
    expect(stripAnsi(c)).toContain('int main(void) { return 0; }');
    expect(c).toMatch(sgr);
  });

  it('shows a block without a language as written, with no language guessed for it', () => {
    // highlight.js's guess among all it knows coloured this kernel output as some language
    const output = 'fork() = -1 EAGAIN (Resource temporarily unavailable)\nselect * from pids where n = 1;';
    const code = renderMarkdown('Before.\n\n```\n' + output + '\n```\n', 70).split('\n').filter((l) => /fork|select/.test(l));
    expect(code.map(stripAnsi)).toEqual(['  fork() = -1 EAGAIN (Resource temporarily unavailable)', '  select * from pids where n = 1;']);
    expect(code.join('')).not.toMatch(sgr);
  });
});
