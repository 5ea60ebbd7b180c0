import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { ServiceAccountRole } from "./service-account-role";

/** What a grant gave, and the policy that holds it: depend on `policy` for what needs the permission in place. */
export interface Grant {
  /** The role's one inline policy of grants (RoleGrants.of(role).policy). */
  readonly policy: IamRolePolicy;
  /** The Sids of this grant's statements in that policy. */
  readonly statementIds: readonly string[];
}

/** The name of the inline policy: one per role, so it cannot collide with another grant's. */
export const GRANTS_POLICY_NAME = "secure-eks-rds-grants";

const ID = "grants";

/**
 * Every grant of the constructs to one role, in one inline policy (as aws-cdk's Role collects them in its
 * DefaultPolicy). Inline policy names are unique per role (IAM API reference, PutRolePolicy: "the policy is
 * replaced if it already exists"), so two grants that each wrote a policy of the same name on one role would
 * overwrite each other at every apply and never settle; statements in one document cannot. Sids stay unique
 * within the document, as IAM requires ("IAM JSON policy elements: Sid").
 *
 * The policy lives with the role (a child of the IamRole construct), so it is in the role's stack whatever
 * stack the granted resource is in.
 */
export class RoleGrants extends Construct {
  readonly document: DataAwsIamPolicyDocument;
  readonly policy: IamRolePolicy;
  private readonly statements: DataAwsIamPolicyDocumentStatement[] = [];

  static of(grantee: IamRole | ServiceAccountRole): RoleGrants {
    const role = grantee instanceof IamRole ? grantee : grantee.role;
    return (role.node.tryFindChild(ID) as RoleGrants | undefined) ?? new RoleGrants(role);
  }

  private constructor(role: IamRole) {
    super(role, ID);
    this.document = new DataAwsIamPolicyDocument(this, "document", {});
    this.policy = new IamRolePolicy(this, "policy", { name: GRANTS_POLICY_NAME, role: role.name, policy: this.document.json });
  }

  /** Adds statements (each with a Sid, made unique here by a number when another grant used it) and returns them. */
  add(statements: readonly (DataAwsIamPolicyDocumentStatement & { readonly sid: string })[]): Grant {
    const taken = new Set(this.statements.map((statement) => statement.sid));
    const statementIds: string[] = [];
    for (const statement of statements) {
      let sid = statement.sid;
      for (let n = 2; taken.has(sid); n++) sid = `${statement.sid}${n}`;
      taken.add(sid);
      statementIds.push(sid);
      this.statements.push({ ...statement, sid });
    }
    // The typed block list, not a lazy value: HCL output renders blocks from it (a lazy list becomes an argument).
    this.document.putStatement([...this.statements]);
    return { policy: this.policy, statementIds };
  }
}
