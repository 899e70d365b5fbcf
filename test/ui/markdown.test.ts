// Unit tests for the terminal markdown renderer: wrapping, inline markup in lists, caching.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/app/markdown.js';
import { stripAnsi, visibleLength } from '../../src/app/textWrap.js';

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
