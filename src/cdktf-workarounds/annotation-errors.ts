/**
 * cdktf's StackSynthesizer throws when a stack carries error annotations, unless the CLI asked it to go on
 * (CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS); the staged synth collects those annotations from the manifest
 * itself and must tell that throw from a real failure. cdktf has no error class for it, only this message
 * (lib/errors.js, encounteredAnnotationWithLevelError).
 */
export function isErrorAnnotationsFailure(error: unknown): boolean {
  return /Encountered Annotations with level "ERROR"/.test((error as Error)?.message ?? "");
}
