// --record in the app: what is written to the terminal and its new sizes reach the recorder, and untee puts the stream back.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { teeStdout } from '../../../src/record/screenTee.js';

describe('teeStdout', () => {
  it('copies strings and bytes, reports resizes, and stops when told', () => {
    const stream = Object.assign(new PassThrough(), { columns: 80, rows: 24 }) as unknown as NodeJS.WriteStream;
    const seen: string[] = [];
    const written: string[] = [];
    stream.on('data', (d: Buffer) => written.push(d.toString()));
    const untee = teeStdout(stream, { output: (t) => seen.push(`o:${t}`), resize: (c, r) => seen.push(`r:${c}x${r}`) });
    stream.write('\u001b[Hframe 1');
    stream.write(Buffer.from('frame 2'));
    Object.assign(stream, { columns: 120, rows: 35 });
    stream.emit('resize');
    untee();
    stream.write('after');
    stream.emit('resize');
    expect(seen).toEqual(['o:\u001b[Hframe 1', 'o:frame 2', 'r:120x35']);
    expect(written.join('')).toBe('\u001b[Hframe 1frame 2after');
  });
});
