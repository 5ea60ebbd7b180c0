// Types and registration of cdktf's matchers: toHaveResource, toHaveResourceWithProperties,
// toHaveDataSource, toHaveProviderWithProperties, toBeValidTerraform...
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";

Testing.setupJest();
