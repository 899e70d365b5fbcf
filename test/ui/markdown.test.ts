// Unit tests for the terminal markdown renderer: wrapping, inline markup in lists, caching.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderMarkdownHead } from '../../src/app/markdown.js';
import { stripAnsi, visibleLength } from '../../src/app/textWrap.js';
import { inert } from '../../src/format/inert.js';
import chalk, { Chalk } from 'chalk';

const md = `# Namespaces

A **container** is just a process with its own view of the kernel: \`unshare(2)\` gives it new namespaces, and the inode numbers in /proc/self/ns tell them apart.

- item with **bold** and \`code\` and a long tail of words that must wrap onto the next line
- second item

[man page](https://man7.org/linux/man-pages/man2/unshare.2.html)
`;

describe('renderMarkdown', () => {
  it('renders text without markup characters and within the width', () => {
    const out = renderMarkdown(md, 40);
    const plain = stripAnsi(out);
    expect(plain).toContain('Namespaces');
    expect(plain).not.toContain('**');
    expect(plain).toContain('unshare(2)');
    expect(plain).toContain('item with bold and code');
    for (const line of out.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(40);
  });

  it('prints links as text and address', () => {
    expect(stripAnsi(renderMarkdown(md, 100))).toContain('man page (https://man7.org/linux/man-pages/man2/unshare.2.html)');
  });

  it('keeps kernel text with colons as written', () => {
    expect(stripAnsi(renderMarkdown('propagation shared:1 and cgroup 0::/ :smile:', 60))).toContain(
      'propagation shared:1 and cgroup 0::/ :smile:',
    );
  });

  it('caches by markdown and width', () => {
    const a = renderMarkdown(md, 50);
    expect(renderMarkdown(md, 50)).toBe(a);
    expect(renderMarkdown(md, 30)).not.toBe(a);
  });

  it('has no trailing blank lines', () => {
    expect(renderMarkdown('hello\n\n\n', 20).endsWith('\n')).toBe(false);
  });
});

describe('inert text through the markdown renderer', () => {
  it('renders as markdown, shows the escapes, and keeps the renderer\'s own colours', () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const md = inert('# Title\u001b]0;pwned\u0007\n\nSome **bold\u001b[5m** text and `code\u009b`.');
      const out = renderMarkdown(md, 60);
      expect(stripAnsi(out)).toContain('\\x1b]0;pwned\\x07');
      expect(stripAnsi(out)).toContain('bold\\x1b[5m');
      expect(stripAnsi(out)).toContain('code\\x9b');
      // the only escapes left are the renderer's SGR colours
      expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(out).toContain(new Chalk({ level: 1 }).bold('bold\\x1b[5m'));
    } finally {
      chalk.level = level;
    }
  });
});

describe('renderMarkdownHead', () => {
  const para = 'Some **bold** words and `code`, then a list:\n\n- one item\n- two items\n\n';

  it('gives the same first lines as rendering everything, without rendering everything', () => {
    const md = para.repeat(3000);
    const all = renderMarkdown(md, 60).split('\n');
    const started = performance.now();
    const head = renderMarkdownHead(md, 60, 40);
    expect(performance.now() - started).toBeLessThan(500);
    expect(head.lines).toEqual(all.slice(0, 40));
    expect(head.more).toBeNull();
  });

  it('counts the lines after the head of a slide it rendered whole', () => {
    const head = renderMarkdownHead(para.repeat(3), 60, 4);
    expect(head.lines).toHaveLength(4);
    expect(head.lines.length + (head.more ?? 0)).toBe(renderMarkdown(para.repeat(3), 60).split('\n').length);
  });
});
