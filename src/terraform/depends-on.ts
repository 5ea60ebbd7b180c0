import { TerraformStack, type ITerraformDependable } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * The `depends_on` of a resource in `scope`'s stack: the dependencies of that stack. `depends_on` can only name
 * resources of the same configuration, so a dependency that lives in another stack (another state: a log group
 * kept by the environment's retained stack) orders the whole stack after that one instead, which `cdktf deploy`
 * honours (it applies a stack once every stack it depends on is done).
 */
export function dependsOnWithin(scope: IConstruct, dependencies: ReadonlyArray<ITerraformDependable & IConstruct>): ITerraformDependable[] {
  const stack = TerraformStack.of(scope);
  const local: ITerraformDependable[] = [];
  for (const dependency of dependencies) {
    const owner = TerraformStack.of(dependency);
    if (owner === stack) local.push(dependency);
    else stack.addDependency(owner);
  }
  return local;
}
