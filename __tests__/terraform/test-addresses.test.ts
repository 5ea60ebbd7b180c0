import { addressesOf, resolveAddresses, UnresolvedAddressError } from "../../scripts/terraform/test-addresses";

const config = {
  resource: {
    aws_db_instance: { database_instance_D7FC2283: {} },
    aws_security_group: { "database_security-group_BF0DE645": {}, "application-pod-sg_security-group_F264284E": {} },
    aws_vpc: { plain: {} },
  },
  data: { aws_iam_policy_document: { "application-role_trust_010BC1B5": {} } },
};
const addresses = addressesOf(config);

describe("resolveAddresses (hash-free addresses in .tftest.hcl files)", () => {
  test("adds the synthesized hash to resource and data source addresses, keeping attribute paths", () => {
    const text = [
      "condition = aws_db_instance.database_instance.storage_encrypted",
      "x = data.aws_iam_policy_document.application-role_trust.statement[0].effect",
      "y = aws_security_group.database_security-group.id == aws_security_group.application-pod-sg_security-group.id",
    ].join("\n");
    expect(resolveAddresses(text, addresses, "t.tftest.hcl")).toBe(
      [
        "condition = aws_db_instance.database_instance_D7FC2283.storage_encrypted",
        "x = data.aws_iam_policy_document.application-role_trust_010BC1B5.statement[0].effect",
        "y = aws_security_group.database_security-group_BF0DE645.id == aws_security_group.application-pod-sg_security-group_F264284E.id",
      ].join("\n"),
    );
  });

  test("leaves full logical ids, unknown types, block labels and comments alone", () => {
    const text = [
      "a = aws_vpc.plain.id",
      "b = aws_db_instance.database_instance_D7FC2283.id",
      'mock_resource "aws_db_instance" {',
      "# aws_db_instance.whatever is prose",
      "c = template.metadata_options[0].http_tokens",
      "d = aws_kms_key.not_in_this_stack.arn",
    ].join("\n");
    expect(resolveAddresses(text, addresses, "t.tftest.hcl")).toBe(text);
  });

  test("a name that matches no resource fails with the file, the line and the existing names", () => {
    const resolve = () => resolveAddresses("ok = 1\nx = aws_db_instance.db_instance.port", addresses, "t.tftest.hcl");
    expect(resolve).toThrow(UnresolvedAddressError);
    expect(resolve).toThrow(/t\.tftest\.hcl:2: aws_db_instance\.db_instance matches no synthesized resource.*database_instance/);
  });
});
