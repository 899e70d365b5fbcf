let sink = () => { };
export function setProgressSink(next) {
    sink = next;
}
export function reportProgress(event, data) {
    sink(event, data);
}
