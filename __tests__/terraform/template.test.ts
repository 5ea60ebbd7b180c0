import { splitTemplate } from "../../src/terraform/template";

test.each([
  ["a${x}b", [{ literal: "a" }, { expression: "x" }, { literal: "b" }]],
  ['${f("}", {a = 1})}:sub', [{ expression: 'f("}", {a = 1})' }, { literal: ":sub" }]],
  ["no expression", [{ literal: "no expression" }]],
  ["", [{ literal: "" }]],
  ["${unterminated", [{ literal: "${unterminated" }]],
  // Terraform's escape: "$${" is a literal "${", never an interpolation.
  ["cost: $${x} and ${y}", [{ literal: "cost: ${x} and " }, { expression: "y" }]],
  ['${a}${b["k"]}', [{ expression: "a" }, { expression: 'b["k"]' }]],
])("splitTemplate(%p)", (text, pieces) => {
  expect(splitTemplate(text)).toEqual(pieces);
});
