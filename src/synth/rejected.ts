/**
 * A synth that must not write anything: bad environment files, an environment that cannot be built, or a
 * security finding at error level. The message is the whole report, one problem per line with its file; it is
 * what `cdktf synth` prints (no stack trace: synthOrExit).
 */
export class SynthRejected extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join("\n"));
    this.name = "SynthRejected";
  }
}
