// cdktf's matchers (toHaveResourceWithProperties and friends), registered and typed.
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";

Testing.setupJest();
