// Runs before anything loads cdktf (jest's setupFiles): cdktf creates tokens while its modules load, and under
// jest each of their stack traces is source-mapped, about 17 ms per test file. Tests never read those traces, so
// they are skipped from the start, as synth skips them (src/cdktf-workarounds/token-stack-traces.ts).
// The file itself, not the folder's index, which loads cdktf.
import { skipTokenStackTraces } from "../src/cdktf-workarounds/token-stack-traces";

skipTokenStackTraces({});
