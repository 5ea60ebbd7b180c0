// Types and registration of cdktf's matchers: toHaveResource, toHaveResourceWithProperties,
// toHaveDataSource, toHaveProviderWithProperties, toBeValidTerraform...
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { skipTokenStackTraces } from "../src/cdktf-workarounds";

Testing.setupJest();

// cdktf records a full stack trace for every token it creates, only to print it if the token later fails to
// resolve. Under jest's source-mapped stack traces that is more than half of every synthesis; tests do not read
// those traces, so they skip them (as synth does: src/cdktf-workarounds/token-stack-traces.ts).
skipTokenStackTraces({});
