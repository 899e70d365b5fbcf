/** Copies what is written to `stream` (Ink's frames) into the recorder; returns the function that stops it. */
export function teeStdout(stream, recorder) {
    const write = stream.write;
    stream.write = function (chunk, ...rest) {
        recorder.output(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return write.call(this, chunk, ...rest);
    };
    const onResize = () => recorder.resize(stream.columns, stream.rows);
    stream.on('resize', onResize);
    return () => {
        stream.write = write;
        stream.off('resize', onResize);
    };
}
