// chainBlock: blocks stay short, keep their place by title, and CLI tables get docker's short ids.
import { describe, expect, it } from 'vitest';
import { BLOCK_LINES, BLOCK_WIDTH, fitBlock, setBlock, shortLine } from '../../../src/actions/chainBlock.js';
import { chain } from '../../../src/actions/chainState.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('fitBlock', () => {
  it('cuts long lines and long blocks, saying so', () => {
    const lines = fitBlock([...Array(20)].map((_, i) => `${i} ${'x'.repeat(150)}`));
    expect(lines).toHaveLength(BLOCK_LINES);
    expect(lines.every((l) => l.length <= BLOCK_WIDTH)).toBe(true);
    expect(lines[0].endsWith('…')).toBe(true);
    expect(lines[BLOCK_LINES - 1]).toBe('… 9 more');
  });
});

describe('setBlock', () => {
  it('replaces the block of the same title, keeps the others', () => {
    const ctx = fakeLab();
    setBlock(ctx, 'a', ['1']);
    setBlock(ctx, 'b', ['2']);
    setBlock(ctx, 'a', ['3']);
    expect(chain(ctx).view.blocks).toEqual([{ title: 'b', lines: ['2'] }, { title: 'a', lines: ['3'] }]);
  });
});

describe('shortLine', () => {
  it('cuts 64-hex ids to 12 and squeezes the columns', () => {
    const id = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';
    expect(shortLine(`${id}    6521    RUNNING    `)).toBe('d299bce2daf8…  6521  RUNNING');
    expect(shortLine('container-lab-ctr    docker.io/container-lab/lab:latest    io.containerd.runc.v2')).toBe('container-lab-ctr  docker.io/container-lab/lab:latest  io.containerd.runc.v2');
  });
});
