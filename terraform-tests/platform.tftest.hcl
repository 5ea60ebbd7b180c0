# terraform test for the platform stack, run by `npm run test:terraform` (scripts/terraform-check.ts) on the
# dev environment with explicit OIDC thumbprints, the variant that needs no provider but hashicorp/aws.
#
# Resource addresses: cdktf names every resource "<construct path>_<8-hex hash>" (aws_db_instance.
# database_instance_D7FC2283). This file writes them WITHOUT the hash (aws_db_instance.database_instance), and
# the check script resolves each one to the unique synthesized logical id before copying the file next to
# cdk.tf.json (scripts/terraform/test-addresses.ts). Why: the hash is derived from the construct path, so it is
# noise for a reader and changes with any refactoring of the tree; the hash-free name still says which
# construct is meant, and a name that no longer resolves fails the run with the list of candidates, never
# silently. Find the names with `npm run synth` and a look at cdktf.out/stacks/dev-platform/cdk.tf.json.
#
# The AWS provider is mocked (no credentials, no API calls), but its schema and its validators run on every
# value: hence the realistic computed values below (ARNs, an https issuer, policy JSON). Identifiers of security
# groups and subnets are left to Terraform's random mock values on purpose: distinct values are what make the
# "rule X references security group Y" assertions meaningful.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/terraform-test"
      user_id    = "AIDAEXAMPLEUSERID0001"
    }
  }

  # The provider checks that assume_role_policy / policy are IAM policy JSON.
  mock_data "aws_iam_policy_document" {
    defaults = {
      json          = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}"
      minified_json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}"
    }
  }

  # The vpc-cni version EKS would offer for the cluster's Kubernetes version. The provider checks that
  # addon_version is a semantic version, so the mock returns one.
  mock_data "aws_eks_addon_version" {
    defaults = {
      version = "v1.21.1-eksbuild.8"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn       = "arn:aws:iam::123456789012:role/mock-role"
      unique_id = "AROAEXAMPLEROLEID0001"
    }
  }

  mock_resource "aws_iam_openid_connect_provider" {
    defaults = {
      arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
    }
  }

  mock_resource "aws_kms_key" {
    defaults = {
      arn    = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
      key_id = "00000000-0000-0000-0000-000000000000"
    }
  }

  mock_resource "aws_eks_cluster" {
    defaults = {
      arn                   = "arn:aws:eks:eu-west-1:123456789012:cluster/eks-cluster-dev"
      endpoint              = "https://EXAMPLED539D4633E53DE1B71EXAMPLE.gr7.eu-west-1.eks.amazonaws.com"
      platform_version      = "eks.1"
      status                = "ACTIVE"
      certificate_authority = [{ data = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==" }]
      identity = [{
        oidc = [{ issuer = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE" }]
      }]
    }
  }

  mock_resource "aws_db_instance" {
    defaults = {
      # Provider 5.x: the id of aws_db_instance is the DbiResourceId, like resource_id.
      id          = "db-ABCDEFGHIJKLMNOPQRSTUVWXY"
      resource_id = "db-ABCDEFGHIJKLMNOPQRSTUVWXY"
      arn         = "arn:aws:rds:eu-west-1:123456789012:db:postgresql-dev"
      address     = "postgresql-dev.abcdefghijkl.eu-west-1.rds.amazonaws.com"
      endpoint    = "postgresql-dev.abcdefghijkl.eu-west-1.rds.amazonaws.com:5432"
      master_user_secret = [{
        kms_key_id    = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
        secret_arn    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123abcd-4567-89ef-0123-456789abcdef-AbCdEf"
        secret_status = "active"
      }]
    }
  }

  mock_resource "aws_launch_template" {
    defaults = {
      latest_version = 1
    }
  }
}

# Node groups check that launch template ids start with "lt-"; two distinct ids tell the templates apart.
override_resource {
  target = aws_launch_template.eks_private-nodes_launch-template
  values = { id = "lt-0a1b2c3d4e5f60001" }
}

override_resource {
  target = aws_launch_template.eks_public-nodes_launch-template
  values = { id = "lt-0a1b2c3d4e5f60002" }
}

# The database key and the log groups live in the retained stack: the check script appends an override_data
# block for each terraform_remote_state this stack reads (scripts/terraform/remote-state-overrides.ts), with
# realistic ARNs for the outputs it uses. The EKS key is this stack's own.
override_resource {
  target = aws_kms_key.eks_secrets-key
  values = {
    arn    = "arn:aws:kms:eu-west-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    key_id = "22222222-2222-2222-2222-222222222222"
  }
}

override_resource {
  target = aws_iam_role.eks_application-role
  values = { arn = "arn:aws:iam::123456789012:role/eks-cluster-dev-metabase" }
}

# Apply through the mocked provider: every computed value is now known, so references can be compared. (The
# apply plans first, and a plan validates the configuration first. The same stack as `cdktf synth --hcl` writes it
# is planned under these mocks too, in a run the check script appends.)
run "apply" {
  command = apply

  # --- the security settings a reviewer reads in the plan (configured values: the same after the mocked apply) ---
  assert {
    condition     = aws_db_instance.database_instance.iam_database_authentication_enabled == true
    error_message = "RDS: IAM database authentication must be on (the pod's identity lock)."
  }
  assert {
    condition     = aws_db_instance.database_instance.storage_encrypted == true
    error_message = "RDS: storage must be encrypted."
  }
  assert {
    condition     = aws_db_instance.database_instance.publicly_accessible == false
    error_message = "RDS: the instance must not be publicly accessible."
  }
  assert {
    condition     = aws_db_instance.database_instance.manage_master_user_password == true && aws_db_instance.database_instance.password == null
    error_message = "RDS: the master password must be managed by RDS in Secrets Manager, never written in the configuration."
  }
  assert {
    condition     = aws_db_instance.database_instance.skip_final_snapshot == false && can(regex("^postgresql-dev-final-[0-9]{8}-[0-9]{6}$", aws_db_instance.database_instance.final_snapshot_identifier))
    error_message = "RDS: a final snapshot named after the instance and the time of the plan that created it, so that no two destroys collide."
  }
  assert {
    condition     = toset(aws_eks_cluster.eks_cluster.enabled_cluster_log_types) == toset(["api", "audit", "authenticator", "controllerManager", "scheduler"])
    error_message = "EKS: all five control-plane log types must be enabled."
  }
  assert {
    condition     = alltrue([for template in [aws_launch_template.eks_private-nodes_launch-template, aws_launch_template.eks_public-nodes_launch-template] : template.metadata_options[0].http_tokens == "required" && template.metadata_options[0].http_put_response_hop_limit == 1])
    error_message = "Node launch templates must require IMDSv2 with a hop limit of 1 (pods must not reach the node's credentials)."
  }
  assert {
    condition     = jsondecode(aws_eks_addon.eks_vpc-cni_addon.configuration_values).env.ENABLE_POD_ENI == "true"
    error_message = "vpc-cni add-on: ENABLE_POD_ENI must be \"true\", or pods never get their security group."
  }
  assert {
    condition     = jsondecode(aws_eks_addon.eks_vpc-cni_addon.configuration_values).enableNetworkPolicy == "true"
    error_message = "vpc-cni add-on: enableNetworkPolicy must be \"true\", or the workload's NetworkPolicies are accepted and never enforced."
  }
  assert {
    condition     = aws_eks_addon.eks_vpc-cni_addon.addon_name == "vpc-cni"
    error_message = "The VPC CNI must be the EKS managed add-on."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.eks_AmazonEKSVPCResourceController.policy_arn == "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController" && aws_iam_role_policy_attachment.eks_AmazonEKSVPCResourceController.role == aws_iam_role.eks_role.name
    error_message = "The cluster role needs AmazonEKSVPCResourceController: the controller that attaches branch ENIs for pod security groups."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.eks_AmazonEKSClusterPolicy.policy_arn == "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" && aws_iam_role_policy_attachment.eks_AmazonEKSClusterPolicy.role == aws_iam_role.eks_role.name
    error_message = "The cluster role needs AmazonEKSClusterPolicy."
  }

  # --- VPC CNI (its version is looked up once the cluster exists, so only after apply) ---
  assert {
    condition     = aws_eks_addon.eks_vpc-cni_addon.addon_version == data.aws_eks_addon_version.eks_vpc-cni_version.version && data.aws_eks_addon_version.eks_vpc-cni_version.addon_name == "vpc-cni" && data.aws_eks_addon_version.eks_vpc-cni_version.kubernetes_version == aws_eks_cluster.eks_cluster.version && data.aws_eks_addon_version.eks_vpc-cni_version.most_recent
    error_message = "The vpc-cni version must be the most recent one EKS lists for the cluster's own Kubernetes version."
  }
  assert {
    condition     = terraform_data.eks_vpc-cni_resolved-version.output.version == "v1.21.1-eksbuild.8" && terraform_data.eks_vpc-cni_resolved-version.triggers_replace.kubernetes_version == aws_eks_cluster.eks_cluster.version
    error_message = "The looked-up vpc-cni version must be kept in terraform_data, replaced when the cluster's Kubernetes version changes."
  }

  # --- RDS ---
  assert {
    condition = (
      startswith(aws_db_instance.database_instance.kms_key_id, "arn:aws:kms:eu-west-1:")
      && aws_db_instance.database_instance.kms_key_id != aws_kms_key.eks_secrets-key.arn
      && aws_db_instance.database_instance.master_user_secret_kms_key_id == aws_db_instance.database_instance.kms_key_id
      && aws_db_instance.database_instance.performance_insights_kms_key_id == aws_db_instance.database_instance.kms_key_id
    )
    error_message = "RDS storage, master secret and Performance Insights must be encrypted with the database key the retained stack keeps."
  }
  assert {
    condition     = aws_db_instance.database_instance.vpc_security_group_ids == toset([aws_security_group.database_security-group.id])
    error_message = "RDS must carry exactly its own security group."
  }

  # --- the network lock: only the pod security group reaches the database port ---
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.database_allow-application-pod-sg.security_group_id == aws_security_group.database_security-group.id
      && aws_vpc_security_group_ingress_rule.database_allow-application-pod-sg.referenced_security_group_id == aws_security_group.application-pod-sg_security-group.id
      && aws_vpc_security_group_ingress_rule.database_allow-application-pod-sg.ip_protocol == "tcp"
      && aws_vpc_security_group_ingress_rule.database_allow-application-pod-sg.from_port == 5432
      && aws_vpc_security_group_ingress_rule.database_allow-application-pod-sg.to_port == 5432
      && aws_vpc_security_group_ingress_rule.database_allow-application-pod-sg.cidr_ipv4 == null
      && aws_vpc_security_group_ingress_rule.database_allow-application-pod-sg.cidr_ipv6 == null
      && aws_vpc_security_group_ingress_rule.database_allow-application-pod-sg.prefix_list_id == null
    )
    error_message = "The RDS security group must admit tcp/5432 from the application pod security group only (no CIDR)."
  }
  assert {
    condition = (
      aws_vpc_security_group_egress_rule.application-pod-sg_to-database.security_group_id == aws_security_group.application-pod-sg_security-group.id
      && aws_vpc_security_group_egress_rule.application-pod-sg_to-database.referenced_security_group_id == aws_security_group.database_security-group.id
      && aws_vpc_security_group_egress_rule.application-pod-sg_to-database.ip_protocol == "tcp"
      && aws_vpc_security_group_egress_rule.application-pod-sg_to-database.from_port == 5432
      && aws_vpc_security_group_egress_rule.application-pod-sg_to-database.to_port == 5432
      && aws_vpc_security_group_egress_rule.application-pod-sg_to-database.cidr_ipv4 == null
    )
    error_message = "The pod security group must allow egress tcp/5432 to the RDS security group."
  }
  assert {
    condition = alltrue([
      for rule in [aws_vpc_security_group_egress_rule.application-pod-sg_dns-tcp, aws_vpc_security_group_egress_rule.application-pod-sg_dns-udp] :
      rule.security_group_id == aws_security_group.application-pod-sg_security-group.id
      && rule.referenced_security_group_id == aws_eks_cluster.eks_cluster.vpc_config[0].cluster_security_group_id
      && rule.from_port == 53 && rule.to_port == 53 && rule.cidr_ipv4 == null
    ]) && toset([aws_vpc_security_group_egress_rule.application-pod-sg_dns-tcp.ip_protocol, aws_vpc_security_group_egress_rule.application-pod-sg_dns-udp.ip_protocol]) == toset(["tcp", "udp"])
    error_message = "The pod security group must allow egress 53/tcp and 53/udp to the cluster security group (CoreDNS)."
  }

  # --- the identity lock: IRSA trust and rds-db:connect ---
  assert {
    condition = (
      aws_iam_openid_connect_provider.eks_oidc_provider.url == aws_eks_cluster.eks_cluster.identity[0].oidc[0].issuer
      && aws_iam_openid_connect_provider.eks_oidc_provider.client_id_list == toset(["sts.amazonaws.com"])
    )
    error_message = "The IAM OIDC provider must trust the cluster's issuer for the sts.amazonaws.com audience."
  }
  assert {
    condition = (
      length(data.aws_iam_policy_document.eks_application-role_trust.statement) == 1
      && data.aws_iam_policy_document.eks_application-role_trust.statement[0].effect == "Allow"
      && toset(data.aws_iam_policy_document.eks_application-role_trust.statement[0].actions) == toset(["sts:AssumeRoleWithWebIdentity"])
      && [for p in data.aws_iam_policy_document.eks_application-role_trust.statement[0].principals : { type = p.type, identifiers = p.identifiers }] == [{ type = "Federated", identifiers = toset([aws_iam_openid_connect_provider.eks_oidc_provider.arn]) }]
    )
    error_message = "The application role may only be assumed with a web identity token of the cluster's OIDC provider."
  }
  assert {
    condition = toset([
      for c in data.aws_iam_policy_document.eks_application-role_trust.statement[0].condition : { test = c.test, variable = c.variable, values = toset(c.values) }
      ]) == toset([
      { test = "StringEquals", variable = "${trimprefix(aws_eks_cluster.eks_cluster.identity[0].oidc[0].issuer, "https://")}:sub", values = toset(["system:serviceaccount:metabase:metabase"]) },
      { test = "StringEquals", variable = "${trimprefix(aws_eks_cluster.eks_cluster.identity[0].oidc[0].issuer, "https://")}:aud", values = toset(["sts.amazonaws.com"]) },
    ])
    error_message = "IRSA trust: exactly StringEquals <issuer>:sub = system:serviceaccount:metabase:metabase and <issuer>:aud = sts.amazonaws.com."
  }
  assert {
    condition     = aws_iam_role.eks_application-role.assume_role_policy == data.aws_iam_policy_document.eks_application-role_trust.json
    error_message = "The application role must use the IRSA trust policy document."
  }
  assert {
    condition = contains([
      for c in data.aws_iam_policy_document.eks_bootstrap-role_trust.statement[0].condition : toset(c.values) if c.variable == "${trimprefix(aws_eks_cluster.eks_cluster.identity[0].oidc[0].issuer, "https://")}:sub"
    ], toset(["system:serviceaccount:metabase:metabase-db-bootstrap"]))
    error_message = "The bootstrap role must be limited to the metabase/metabase-db-bootstrap service account."
  }
  assert {
    condition = (
      length(data.aws_iam_policy_document.eks_application-role_grants_document.statement) == 1
      && data.aws_iam_policy_document.eks_application-role_grants_document.statement[0].effect == "Allow"
      && toset(data.aws_iam_policy_document.eks_application-role_grants_document.statement[0].actions) == toset(["rds-db:connect"])
      && data.aws_iam_policy_document.eks_application-role_grants_document.statement[0].resources == toset([
        "arn:aws:rds-db:eu-west-1:${data.aws_caller_identity.aws-account.account_id}:dbuser:${aws_db_instance.database_instance.resource_id}/metabase"
      ])
    )
    error_message = "rds-db:connect must be granted on arn:aws:rds-db:<region>:<account>:dbuser:<db resource_id>/metabase only."
  }
  assert {
    condition = alltrue([
      for arn in data.aws_iam_policy_document.eks_application-role_grants_document.statement[0].resources :
      can(regex("^arn:aws:rds-db:eu-west-1:[0-9]{12}:dbuser:db-[A-Z0-9]+/metabase$", arn))
    ])
    error_message = "The rds-db:connect resource ARN is malformed (it takes the DbiResourceId db-..., not the instance identifier)."
  }
  assert {
    condition = (
      aws_iam_role_policy.eks_application-role_grants_policy.role == aws_iam_role.eks_application-role.name
      && aws_iam_role_policy.eks_application-role_grants_policy.policy == data.aws_iam_policy_document.eks_application-role_grants_document.json
    )
    error_message = "The rds-db:connect policy must be attached to the application's IRSA role."
  }

  # --- the EKS key: an explicit policy, rotation, nobody with kms:* (the others are the retained stack's) ---
  assert {
    condition     = aws_kms_key.eks_secrets-key.enable_key_rotation == true && aws_kms_key.eks_secrets-key.policy == data.aws_iam_policy_document.eks_secrets-key-policy.json
    error_message = "The EKS secrets key must rotate and carry its own explicit key policy."
  }
  assert {
    condition     = alltrue([for statement in data.aws_iam_policy_document.eks_secrets-key-policy.statement : !contains(statement.actions, "kms:*") && !contains(statement.actions, "*")])
    error_message = "No key policy statement may grant kms:* (the account administers; services use, under conditions)."
  }

  # --- VPC flow logs ---
  assert {
    condition = (
      aws_flow_log.network_flow-log.vpc_id == aws_vpc.network_vpc.id
      && aws_flow_log.network_flow-log.traffic_type == "ALL"
      && aws_flow_log.network_flow-log.log_destination_type == "cloud-watch-logs"
      && aws_flow_log.network_flow-log.log_destination == "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vpc/eks-cluster-dev/flow-logs"
      && aws_flow_log.network_flow-log.iam_role_arn == aws_iam_role.network_flow-log_role.arn
    )
    error_message = "The VPC must log all traffic to its flow log group, with its own role."
  }
  assert {
    condition = (
      data.aws_iam_policy_document.network_flow-log_write-policy.statement[0].resources == toset([aws_flow_log.network_flow-log.log_destination, "${aws_flow_log.network_flow-log.log_destination}:log-stream:*"])
      && aws_iam_role_policy.network_flow-log_write.role == aws_iam_role.network_flow-log_role.name
    )
    error_message = "The flow log role may write only to its own log group and its streams."
  }
  assert {
    condition = (
      [for p in data.aws_iam_policy_document.network_flow-log_trust.statement[0].principals : p.identifiers] == [toset(["vpc-flow-logs.amazonaws.com"])]
      && contains([for c in data.aws_iam_policy_document.network_flow-log_trust.statement[0].condition : c.variable], "aws:SourceAccount")
      && contains([for c in data.aws_iam_policy_document.network_flow-log_trust.statement[0].condition : c.variable], "aws:SourceArn")
    )
    error_message = "Only the flow logs service, for this account's flow logs, may assume the flow log role (confused deputy)."
  }

  # --- RDS observability ---
  assert {
    condition = (
      aws_db_instance.database_instance.performance_insights_enabled == true
      && aws_db_instance.database_instance.database_insights_mode == "standard"
      && aws_db_instance.database_instance.monitoring_interval == 60
      && aws_db_instance.database_instance.monitoring_role_arn == aws_iam_role.database_monitoring-role.arn
      && aws_db_instance.database_instance.enabled_cloudwatch_logs_exports == toset(["postgresql", "upgrade"])
      && aws_db_instance.database_instance.auto_minor_version_upgrade == true
      && aws_db_instance.database_instance.copy_tags_to_snapshot == true
    )
    error_message = "RDS must have Database Insights encrypted with its key, Enhanced Monitoring with its role, log exports, minor upgrades and tags on snapshots."
  }
  assert {
    condition = (
      aws_iam_role_policy_attachment.database_monitoring-policy.role == aws_iam_role.database_monitoring-role.name
      && aws_iam_role_policy_attachment.database_monitoring-policy.policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
    )
    error_message = "The Enhanced Monitoring role must carry AmazonRDSEnhancedMonitoringRole."
  }
  assert {
    condition     = { for p in aws_db_parameter_group.database_parameters.parameter : p.name => p.value } == { "rds.force_ssl" = "1", "log_connections" = "1", "log_disconnections" = "1", "log_statement" = "ddl" }
    error_message = "The parameter group must force TLS and log every connection, disconnection and DDL statement."
  }

  # --- EKS ---
  assert {
    condition = (
      length(aws_eks_cluster.eks_cluster.encryption_config) == 1
      && aws_eks_cluster.eks_cluster.encryption_config[0].resources == toset(["secrets"])
      && aws_eks_cluster.eks_cluster.encryption_config[0].provider[0].key_arn == aws_kms_key.eks_secrets-key.arn
    )
    error_message = "EKS must envelope-encrypt Kubernetes Secrets with its own KMS key."
  }
  assert {
    condition     = aws_eks_addon.eks_vpc-cni_addon.cluster_name == aws_eks_cluster.eks_cluster.name
    error_message = "The vpc-cni add-on must belong to the cluster."
  }
  assert {
    condition     = alltrue([for group in [aws_eks_node_group.eks_private-nodes_node-group, aws_eks_node_group.eks_public-nodes_node-group] : group.launch_template[0].id == (group.labels.type == "private" ? aws_launch_template.eks_private-nodes_launch-template.id : aws_launch_template.eks_public-nodes_launch-template.id)])
    error_message = "Each node group must use its IMDSv2-only launch template."
  }
  assert {
    condition = (
      aws_iam_role.eks_public-node-role.name != aws_iam_role.eks_node-role.name
      && anytrue([for taint in aws_eks_node_group.eks_public-nodes_node-group.taint : taint.key == "type" && taint.value == "public" && taint.effect == "NO_SCHEDULE"])
      && length(aws_eks_node_group.eks_private-nodes_node-group.taint) == 0
    )
    error_message = "The public node group must have a role of its own and a type=public NoSchedule taint; the private one no taint."
  }
}

# The day after: EKS publishes a newer vpc-cni build. The lookup now answers it, and a plan of the same
# configuration must not turn it into an update of the add-on (which would roll aws-node on every node in a deploy
# nobody meant as an upgrade): terraform_data keeps the version it had (ignore_changes on its input).
run "a_newer_vpc_cni_build_is_not_an_upgrade" {
  command = plan

  override_data {
    target = data.aws_eks_addon_version.eks_vpc-cni_version
    values = { version = "v1.22.0-eksbuild.1" }
  }

  assert {
    condition     = data.aws_eks_addon_version.eks_vpc-cni_version.version == "v1.22.0-eksbuild.1"
    error_message = "The lookup must answer the newer build in this run (otherwise the run proves nothing)."
  }
  assert {
    condition     = aws_eks_addon.eks_vpc-cni_addon.addon_version == "v1.21.1-eksbuild.8"
    error_message = "A newer vpc-cni build must not change the add-on's version by itself: only a Kubernetes upgrade, a pin or -replace may."
  }
}

# Node groups must be created after the vpc-cni add-on: a node only gets a trunk ENI if ENABLE_POD_ENI is set
# when it joins. A plan targeted at the node groups contains exactly their dependencies, and the add-on is one
# of them only through depends_on. If that dependency is lost, the assertion refers to a resource outside the
# plan and Terraform 1.11 fails the run with "panic: no expansion has been registered for aws_eks_addon...".
# This run comes last and keeps its own state (state_key), so that the apply above cannot have put the add-on
# in its state already, and so that a panic here cannot hide the results of the other runs.
run "node_groups_wait_for_vpc_cni" {
  command   = plan
  state_key = "targeted-plan"
  plan_options {
    target = [aws_eks_node_group.eks_private-nodes_node-group, aws_eks_node_group.eks_public-nodes_node-group]
  }

  assert {
    condition     = aws_eks_addon.eks_vpc-cni_addon.addon_name == "vpc-cni"
    error_message = "The node groups must depend on the vpc-cni add-on."
  }
}
