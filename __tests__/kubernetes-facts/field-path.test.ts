import { parseFieldPath } from "../../src/kubernetes-facts/server-side-changes";

// The provider's syntax (terraform-provider-kubernetes docs/resources/manifest.md, computed_fields): attributes with
// ".", map keys as ["key"], list elements as [n]; no splat.
test.each([
  ["metadata.labels", ["metadata", "labels"]],
  ["spec.template.metadata.labels", ["spec", "template", "metadata", "labels"]],
  ['metadata.annotations["deployment.kubernetes.io/revision"]', ["metadata", "annotations", "deployment.kubernetes.io/revision"]],
  ["spec.ports[0].nodePort", ["spec", "ports", "0", "nodePort"]],
])("%s", (text, segments) => {
  expect(parseFieldPath(text)).toEqual(segments);
});

test.each(["", ".metadata", "spec.ports[*]", "metadata..labels", "metadata.labels.", '["x"]', "spec ports"])("%j is refused", (text) => {
  expect(parseFieldPath(text)).toBeUndefined();
});
