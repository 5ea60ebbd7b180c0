import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { synthEnvironment } from "./helpers/synth";

test("the dev environment synthesizes both stacks", () => {
  const env = synthEnvironment();
  expect(env.platformJson).toHaveResource(EksCluster);
  expect(env.workloadJson).toHaveResource(Manifest);
});
