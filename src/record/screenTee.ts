// --record in the app: everything written to the terminal, and each new size, also goes to the recording.
export interface ScreenRecorder {
  output(text: string): void;
  resize(columns: number, rows: number): void;
}

/** Copies what is written to `stream` (Ink's frames) into the recorder; returns the function that stops it. */
export function teeStdout(stream: NodeJS.WriteStream, recorder: ScreenRecorder): () => void {
  const write = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    recorder.output(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
  const onResize = () => recorder.resize(stream.columns, stream.rows);
  stream.on('resize', onResize);
  return () => {
    stream.write = write;
    stream.off('resize', onResize);
  };
}
