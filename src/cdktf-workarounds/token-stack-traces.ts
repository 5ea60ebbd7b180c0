/**
 * cdktf records a full stack trace for every token it creates (tokens/private/intrinsic.js and lazy.js call
 * `captureStackTrace()` of tokens/private/stack-trace.js, through that module's exports), only to print it if the
 * token later fails to resolve. Formatting those traces is about a quarter of a 25-environment synth. Replacing
 * the export skips them; DEBUG=1 keeps them (a failing token then says where it was made).
 */
const STACK_TRACE_MODULE = "cdktf/lib/tokens/private/stack-trace";

export function skipTokenStackTraces(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DEBUG) return false;
  require(STACK_TRACE_MODULE).captureStackTrace = () => [];
  return true;
}
