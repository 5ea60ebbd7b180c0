import { canonicalQuantity } from "../../src/kubernetes-facts/quantity";

// kubernetes/apimachinery @ eed236ce, pkg/api/resource/quantity_test.go, TestQuantityParseEmit: input -> q.String().
test.each([
  ["1Ki", "1Ki"],
  ["1Mi", "1Mi"],
  ["1Gi", "1Gi"],
  ["1024Mi", "1Gi"],
  ["1000M", "1G"],
  [".001Ki", "1024m"],
  [".000001Ki", "1024u"],
  [".000000001Ki", "1024n"],
  [".000000000001Ki", "2n"],
])("apimachinery's own table: %s is written back as %s (and negated)", (input, expected) => {
  expect(canonicalQuantity(input)).toBe(expected);
  expect(canonicalQuantity(`-${input}`)).toBe(`-${expected}`);
});

// The values terraform-provider-kubernetes issues report as "inconsistent result after apply", and the doc
// comment's examples (quantity.go: "1.5 will be serialized as 1500m", "1.5Gi will be serialized as 1536Mi").
test.each([
  ["1000", "1k"], // hashicorp/terraform-provider-kubernetes#2508
  ["0.25", "250m"], // terraform-provider-kubernetes-alpha#248
  ["1000m", "1"], // Panfactum/stack#95
  ["1.5", "1500m"],
  ["1.5Gi", "1536Mi"],
  ["2048Mi", "2Gi"],
  ["0.5Gi", "512Mi"],
  ["1e3", "1e3"],
  ["1500e-3", "1500e-3"],
  ["0", "0"],
  ["0m", "0"],
])("%s comes back as %s", (input, expected) => {
  expect(canonicalQuantity(input)).toBe(expected);
});

test.each(["100m", "500m", "2", "64Mi", "128Mi", "256Mi", "2Gi", "1500", "20Gi"])("%s is already canonical", (value) => {
  expect(canonicalQuantity(value)).toBe(value);
});

test.each(["", "1K", "1 Gi", "one", "1.2.3", "Gi"])("%j is not a quantity", (value) => {
  expect(canonicalQuantity(value)).toBeUndefined();
});
