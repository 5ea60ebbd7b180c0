# terraform test for the retained stack (what an environment keeps when it is destroyed), run by
# `npm run test:terraform` on dev. Addresses are written without cdktf's hash, as in platform.tftest.hcl.
#
# The run applies through the mocked AWS provider; `terraform test` then destroys what it created, and for the
# keys of retained data and Metabase's key that destroy must fail: prevent_destroy is what keeps the final
# snapshot readable and Metabase's key alive after `cdktf destroy`. The check script expects exactly these
# resources to refuse (and fails if one more or one less does):
# expect-prevent-destroy: aws_kms_key.database-key aws_kms_key.logs_key aws_secretsmanager_secret.application-encryption-key_secret
#
# A log group a service re-created after a destroy (EKS writes until the very end) is adopted, not created: the
# run "groups_left_behind_are_adopted" must plan an import of exactly these (the check script reads Terraform's
# verbose plan of that run):
# expect-import: aws_cloudwatch_log_group.logs_aws-eks-eks-cluster-dev-cluster aws_cloudwatch_log_group.logs_aws-rds-instance-postgresql-dev-postgresql

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/terraform-test"
      user_id    = "AIDAEXAMPLEUSERID0001"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json          = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}"
      minified_json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/mock/log-group"
    }
  }
}

# Two keys with the same mock ARN could not tell "encrypted with the database key" from "with the logs key".
override_resource {
  target = aws_kms_key.database-key
  values = {
    arn    = "arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111"
    key_id = "11111111-1111-1111-1111-111111111111"
  }
}

override_resource {
  target = aws_kms_key.logs_key
  values = {
    arn    = "arn:aws:kms:eu-west-1:123456789012:key/33333333-3333-3333-3333-333333333333"
    key_id = "33333333-3333-3333-3333-333333333333"
  }
}

# The first deploy into an account where no group exists: every group is created (nothing to adopt).
run "apply" {
  command = apply

  # --- keys: an explicit policy each, rotation, a deletion window, nobody with kms:* ---
  assert {
    condition = alltrue([
      for pair in [
        [aws_kms_key.database-key, data.aws_iam_policy_document.database-key-policy],
        [aws_kms_key.logs_key, data.aws_iam_policy_document.logs_key-policy],
      ] : pair[0].enable_key_rotation == true && pair[0].policy == pair[1].json && pair[0].deletion_window_in_days == 30
    ])
    error_message = "Every KMS key must rotate, carry its own explicit key policy and wait 30 days before deletion."
  }
  assert {
    condition = alltrue(flatten([
      for document in [data.aws_iam_policy_document.database-key-policy, data.aws_iam_policy_document.logs_key-policy] : [
        for statement in document.statement : !contains(statement.actions, "kms:*") && !contains(statement.actions, "*")
      ]
    ]))
    error_message = "No key policy statement may grant kms:* (the account administers; services use, under conditions)."
  }
  assert {
    condition = contains([
      for statement in data.aws_iam_policy_document.database-key-policy.statement : toset(flatten([for c in statement.condition : c.values if c.variable == "kms:ViaService"]))
    ], toset(["rds.eu-west-1.amazonaws.com", "secretsmanager.eu-west-1.amazonaws.com"]))
    error_message = "The database key may be used only through RDS and Secrets Manager (kms:ViaService)."
  }
  assert {
    condition = contains([
      for statement in data.aws_iam_policy_document.logs_key-policy.statement : [
        for c in statement.condition : { test = c.test, variable = c.variable, values = toset(c.values) }
      ] if contains(flatten([for p in statement.principals : p.identifiers]), "logs.eu-west-1.amazonaws.com")
      ], [{
        test     = "ArnEquals"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values = toset([
          for name in ["/aws/vpc/eks-cluster-dev/flow-logs", "/aws/eks/eks-cluster-dev/cluster", "/aws/rds/instance/postgresql-dev/postgresql", "/aws/rds/instance/postgresql-dev/upgrade"] :
          "arn:aws:logs:eu-west-1:123456789012:log-group:${name}"
        ])
    }])
    error_message = "CloudWatch Logs may use the logs key only for the environment's four log groups (kms:EncryptionContext:aws:logs:arn)."
  }

  # --- logs: every group encrypted with the logs key, kept 90 days ---
  assert {
    condition = alltrue([
      for group in [
        aws_cloudwatch_log_group.logs_aws-eks-eks-cluster-dev-cluster,
        aws_cloudwatch_log_group.logs_aws-vpc-eks-cluster-dev-flow-logs,
        aws_cloudwatch_log_group.logs_aws-rds-instance-postgresql-dev-postgresql,
        aws_cloudwatch_log_group.logs_aws-rds-instance-postgresql-dev-upgrade,
      ] : group.kms_key_id == aws_kms_key.logs_key.arn && group.retention_in_days == 90
    ])
    error_message = "Every log group must be encrypted with the environment's logs key and keep the environment's retention."
  }

  # --- Metabase's encryption key: a secret without any value Terraform knows ---
  assert {
    condition = (
      aws_secretsmanager_secret.application-encryption-key_secret.kms_key_id == aws_kms_key.database-key.arn
      && aws_secretsmanager_secret.application-encryption-key_secret.recovery_window_in_days == 30
      && aws_secretsmanager_secret.application-encryption-key_secret.name == "rds/postgresql-dev/metabase-encryption-key"
    )
    error_message = "Metabase's key must be a secret encrypted with the database key, recoverable for 30 days after a deletion."
  }
}

# After a full teardown, EKS and RDS re-created their groups (unencrypted, kept forever): the next deploy adopts
# them, where a create would fail with ResourceAlreadyExistsException. Mocked providers cannot import, so each
# adopted group gets the values AWS would return for it (override_resource); and a mocked import cannot take a
# key ARN that is still unknown, so the keys are applied first, in this run's own state.
run "keys_before_the_groups" {
  command   = apply
  state_key = "after-a-teardown"
  plan_options {
    target = [aws_kms_key.logs_key, aws_kms_key.database-key]
  }

  assert {
    condition     = aws_kms_key.logs_key.arn == "arn:aws:kms:eu-west-1:123456789012:key/33333333-3333-3333-3333-333333333333"
    error_message = "The logs key must exist before the groups are adopted."
  }
}

run "groups_left_behind_are_adopted" {
  command   = plan
  state_key = "after-a-teardown"

  override_data {
    target = data.aws_cloudwatch_log_groups.logs_aws-eks-eks-cluster-dev-cluster-existing
    values = { log_group_names = ["/aws/eks/eks-cluster-dev/cluster"] }
  }
  override_data {
    target = data.aws_cloudwatch_log_groups.logs_aws-rds-instance-postgresql-dev-postgresql-existing
    values = { log_group_names = ["/aws/rds/instance/postgresql-dev/postgresql", "/aws/rds/instance/postgresql-dev/postgresql-longer-name"] }
  }
  override_data {
    # A longer name under the same prefix is not the group: created, not imported.
    target = data.aws_cloudwatch_log_groups.logs_aws-rds-instance-postgresql-dev-upgrade-existing
    values = { log_group_names = ["/aws/rds/instance/postgresql-dev/upgrade-other"] }
  }
  override_resource {
    target = aws_cloudwatch_log_group.logs_aws-eks-eks-cluster-dev-cluster
    values = {
      # What DescribeLogGroups says of a group the service created: no key, no retention (never expires).
      id                = "/aws/eks/eks-cluster-dev/cluster"
      name              = "/aws/eks/eks-cluster-dev/cluster"
      name_prefix       = ""
      arn               = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/eks/eks-cluster-dev/cluster"
      kms_key_id        = ""
      retention_in_days = 0
      log_group_class   = "STANDARD"
      skip_destroy      = false
      tags              = {}
      tags_all          = {}
    }
  }
  override_resource {
    target = aws_cloudwatch_log_group.logs_aws-rds-instance-postgresql-dev-postgresql
    values = {
      # What DescribeLogGroups says of a group the service created: no key, no retention (never expires).
      id                = "/aws/rds/instance/postgresql-dev/postgresql"
      name              = "/aws/rds/instance/postgresql-dev/postgresql"
      name_prefix       = ""
      arn               = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/rds/instance/postgresql-dev/postgresql"
      kms_key_id        = ""
      retention_in_days = 0
      log_group_class   = "STANDARD"
      skip_destroy      = false
      tags              = {}
      tags_all          = {}
    }
  }

  assert {
    condition     = aws_cloudwatch_log_group.logs_aws-eks-eks-cluster-dev-cluster.retention_in_days == 90 && aws_cloudwatch_log_group.logs_aws-eks-eks-cluster-dev-cluster.kms_key_id == aws_kms_key.logs_key.arn
    error_message = "An adopted group must get the environment's retention and logs key."
  }
}
