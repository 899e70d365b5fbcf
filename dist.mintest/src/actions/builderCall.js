export async function builderCall(ctx, method, params = {}) {
    return ctx.builder.rpc.call(method, params);
}
/**
 * Runs the action's own inContainer part in the container process; its reply carries the calls it made.
 * `given`: what the container part needs that only the helper knows (paths in the session directory).
 */
export async function inContainer(ctx, action, params, given) {
    return ctx.builder.rpc.call('step', given === undefined ? { action, params } : { action, params, given });
}
