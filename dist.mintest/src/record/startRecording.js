// --record FILE: opens the file (failing before anything runs when it cannot be written) and writes the recording's header.
import { packageRoot } from '../sys/packageRoot.js';
import { hostFacts } from './hostFacts.js';
import { scrubber } from './scrub.js';
import { fileSink, RecordingWriter } from './writer.js';
export function startRecording(path, lesson, size, env = process.env) {
    let sink;
    try {
        sink = fileSink(path);
    }
    catch (error) {
        if (error.code === 'EEXIST')
            throw new Error(`--record ${path}: the file is there already; give another name, or remove it first`);
        throw new Error(`--record ${path}: cannot write it: ${error.message}`);
    }
    const scrub = scrubber({ packageRoot: packageRoot(), home: env.HOME });
    return new RecordingWriter({ sink, ...size, meta: hostFacts(), lesson, scrub });
}
