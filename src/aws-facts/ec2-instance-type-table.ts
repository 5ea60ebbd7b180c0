/**
 * EC2 instance types that exist, per family, from the AWS documentation ("Amazon EC2 instance types", section
 * "Instance families and instance types" of each specifications page). AWS would refuse a launch template or a
 * node group with any other type (CreateNodegroup: "InvalidParameterException"), half-way through a deploy.
 *
 * Read from crawled Markdown copies of docs.aws.amazon.com (pages and commits below; every family's trailing
 * comment names its page). Region availability is not covered: a type that exists may still
 * be missing in a region. Adding a family is one line here; the test compares this table with the VPC resource
 * controller's list of 1164 types (../shared/data/trunk-eni-instance-types.json) and fails on any type this
 * table does not know.
 */

/*
 * Pages (the trailing comment of each family names one):
 * - gp: General purpose, https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html
 *   read from crowecawcaw/aws-docs-history docs/ec2/latest/instancetypes/gp.md @ 1c1f67547f9ddd0930ddb492133f66045765a509
 * - co: Compute optimized, https://docs.aws.amazon.com/ec2/latest/instancetypes/co.html
 *   read from crowecawcaw/aws-docs-history docs/ec2/latest/instancetypes/co.md @ 1c1f67547f9ddd0930ddb492133f66045765a509
 * - mo: Memory optimized, https://docs.aws.amazon.com/ec2/latest/instancetypes/mo.html
 *   read from crowecawcaw/aws-docs-history docs/ec2/latest/instancetypes/mo.md @ 2553077ec4fe430404b554bd7cfa551280064d2e
 * - so: Storage optimized, https://docs.aws.amazon.com/ec2/latest/instancetypes/so.html
 *   read from crowecawcaw/aws-docs-history docs/ec2/latest/instancetypes/so.md @ 2553077ec4fe430404b554bd7cfa551280064d2e
 * - ac: Accelerated computing, https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html
 *   read from crowecawcaw/aws-docs-history docs/ec2/latest/instancetypes/ac.md @ 2bd0a0f0b016e2b3afc240a6561b46ffe804470e
 * - hpc: High-performance computing, https://docs.aws.amazon.com/ec2/latest/instancetypes/hpc.html
 *   read from crowecawcaw/aws-docs-history docs/ec2/latest/instancetypes/hpc.md @ 38d6950ce054cb96e1736fe52ca0a1db7229d46d
 * - pg: Previous generation, https://docs.aws.amazon.com/ec2/latest/instancetypes/pg.html
 *   read from crowecawcaw/aws-docs-history docs/ec2/latest/instancetypes/pg.md @ 38d6950ce054cb96e1736fe52ca0a1db7229d46d
 * The T8i row of gp comes from the newer copy c2hans/aws-docs docs/ec2/latest/instancetypes/gp.md @ 07f049d.
 */

/** Family -> sizes ("m5" -> ["large", ...]). */
export const EC2_INSTANCE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  // ---- General purpose (https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html)
  m5: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // gp
  m5a: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"], // gp
  m5ad: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"], // gp
  m5d: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // gp
  m5dn: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // gp
  m5n: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // gp
  m5zn: ["large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge", "metal"], // gp
  m6a: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "48xlarge", "metal"], // gp
  m6g: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // gp
  m6gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // gp
  m6i: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // gp
  m6id: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // gp
  m6idn: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // gp
  m6in: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // gp
  m7a: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "metal-48xl",
  ], // gp
  m7g: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // gp
  m7gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // gp
  m7i: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-24xl", "metal-48xl"], // gp
  "m7i-flex": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"], // gp
  m8a: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // gp
  m8azn: ["medium", "large", "xlarge", "3xlarge", "6xlarge", "12xlarge", "24xlarge", "metal-12xl", "metal-24xl"], // gp
  m8g: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // gp
  m8gb: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // gp
  m8gd: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // gp
  m8gn: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // gp
  m8i: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // gp
  m8id: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // gp
  "m8i-flex": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"], // gp
  m8in: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // gp
  m8idn: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // gp
  m8ine: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"], // gp
  m8ib: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // gp
  m8idb: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // gp
  m9g: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-48xl"], // gp
  m9gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-48xl"], // gp
  mac1: ["metal"], // gp
  mac2: ["metal"], // gp
  "mac2-m1ultra": ["metal"], // gp
  "mac2-m2": ["metal"], // gp
  "mac2-m2pro": ["metal"], // gp
  "mac-m3ultra": ["metal"], // gp
  "mac-m4": ["metal"], // gp
  "mac-m4pro": ["metal"], // gp
  "mac-m4max": ["metal"], // gp
  t2: ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"], // gp
  t3: ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"], // gp
  t3a: ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"], // gp
  t4g: ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"], // gp
  t8i: ["nano", "micro", "small", "medium"], // gp
  // ---- Compute optimized (https://docs.aws.amazon.com/ec2/latest/instancetypes/co.html)
  c5: ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge", "metal"], // co
  c5a: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"], // co
  c5ad: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"], // co
  c5d: ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge", "metal"], // co
  c5n: ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge", "metal"], // co
  c6a: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "48xlarge", "metal"], // co
  c6g: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // co
  c6gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // co
  c6gn: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"], // co
  c6i: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // co
  c6id: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // co
  c6in: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // co
  c7a: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "metal-48xl",
  ], // co
  c7g: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // co
  c7gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // co
  c7gn: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // co
  c7i: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-24xl", "metal-48xl"], // co
  "c7i-flex": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"], // co
  c8a: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // co
  c8g: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // co
  c8gb: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // co
  c8gd: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // co
  c8gn: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // co
  c8i: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // co
  c8id: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // co
  "c8i-flex": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"], // co
  c8in: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // co
  c8ine: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge"], // co
  c8ib: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // co
  c9g: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-48xl"], // co
  c9gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-48xl"], // co
  // ---- Memory optimized (https://docs.aws.amazon.com/ec2/latest/instancetypes/mo.html)
  r5: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // mo
  r5a: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"], // mo
  r5ad: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"], // mo
  r5b: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // mo
  r5d: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // mo
  r5dn: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // mo
  r5n: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"], // mo
  r6a: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "48xlarge", "metal"], // mo
  r6g: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // mo
  r6gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // mo
  r6i: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // mo
  r6id: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // mo
  r6idn: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // mo
  r6in: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // mo
  r7a: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "metal-48xl",
  ], // mo
  r7g: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // mo
  r7gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // mo
  r7i: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-24xl", "metal-48xl"], // mo
  r7iz: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "32xlarge", "metal-16xl", "metal-32xl"], // mo
  r8a: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // mo
  r8g: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // mo
  r8gb: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // mo
  r8gd: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // mo
  r8gn: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // mo
  r8i: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // mo
  r8id: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // mo
  "r8i-flex": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"], // mo
  r8in: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // mo
  r8idn: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // mo
  r8ib: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // mo
  r8idb: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // mo
  "u-3tb1": ["56xlarge"], // mo
  "u-6tb1": ["56xlarge", "112xlarge", "metal"], // mo
  "u-9tb1": ["112xlarge", "metal"], // mo
  "u-12tb1": ["112xlarge", "metal"], // mo
  "u-18tb1": ["112xlarge", "metal"], // mo
  "u-24tb1": ["112xlarge", "metal"], // mo
  "u7i-6tb": ["112xlarge"], // mo
  "u7i-8tb": ["112xlarge"], // mo
  "u7i-12tb": ["224xlarge"], // mo
  "u7in-16tb": ["224xlarge"], // mo
  "u7in-24tb": ["224xlarge"], // mo
  "u7in-32tb": ["224xlarge"], // mo
  "u7inh-32tb": ["480xlarge"], // mo
  x1: ["16xlarge", "32xlarge"], // mo
  x1e: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "32xlarge"], // mo
  x2gd: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // mo
  x2idn: ["16xlarge", "24xlarge", "32xlarge", "metal"], // mo
  x2iedn: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // mo
  x2iezn: ["2xlarge", "4xlarge", "6xlarge", "8xlarge", "12xlarge", "metal"], // mo
  x8g: [
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "48xlarge",
    "metal-24xl",
    "metal-48xl",
  ], // mo
  x8aedz: ["large", "xlarge", "3xlarge", "6xlarge", "12xlarge", "24xlarge", "metal-12xl", "metal-24xl"], // mo
  x8i: [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
    "64xlarge",
    "96xlarge",
    "metal-48xl",
    "metal-96xl",
  ], // mo
  z1d: ["large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge", "metal"], // mo
  // ---- Storage optimized (https://docs.aws.amazon.com/ec2/latest/instancetypes/so.html)
  d2: ["xlarge", "2xlarge", "4xlarge", "8xlarge"], // so
  d3: ["xlarge", "2xlarge", "4xlarge", "8xlarge"], // so
  d3en: ["xlarge", "2xlarge", "4xlarge", "6xlarge", "8xlarge", "12xlarge"], // so
  h1: ["2xlarge", "4xlarge", "8xlarge", "16xlarge"], // so
  i3: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "metal"], // so
  i3en: ["large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge", "24xlarge", "metal"], // so
  i4g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"], // so
  i4i: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "metal"], // so
  i7i: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-24xl", "metal-48xl"], // so
  i7ie: ["large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge", "18xlarge", "24xlarge", "48xlarge", "metal-24xl", "metal-48xl"], // so
  i8g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-24xl", "metal-48xl"], // so
  i8ge: ["large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge", "18xlarge", "24xlarge", "48xlarge", "metal-24xl", "metal-48xl"], // so
  im4gn: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"], // so
  is4gen: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge"], // so
  // ---- Accelerated computing (https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html)
  dl1: ["24xlarge"], // ac
  dl2q: ["24xlarge"], // ac
  f2: ["6xlarge", "12xlarge", "48xlarge"], // ac
  g4ad: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"], // ac
  g4dn: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"], // ac
  g5: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"], // ac
  g5g: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "metal"], // ac
  g6: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"], // ac
  g6e: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"], // ac
  g6f: ["large", "xlarge", "2xlarge", "4xlarge"], // ac
  gr6: ["4xlarge", "8xlarge"], // ac
  gr6f: ["4xlarge"], // ac
  g7: ["2xlarge", "4xlarge", "8xlarge", "12xlarge", "24xlarge", "48xlarge"], // ac
  g7e: ["2xlarge", "4xlarge", "8xlarge", "12xlarge", "24xlarge", "48xlarge"], // ac
  inf1: ["xlarge", "2xlarge", "6xlarge", "24xlarge"], // ac
  inf2: ["xlarge", "8xlarge", "24xlarge", "48xlarge"], // ac
  p4d: ["24xlarge"], // ac
  p4de: ["24xlarge"], // ac
  p5: ["4xlarge", "48xlarge"], // ac
  p5e: ["48xlarge"], // ac
  p5en: ["48xlarge"], // ac
  "p6-b200": ["48xlarge"], // ac
  "p6-b300": ["48xlarge"], // ac
  "p6e-gb200": ["36xlarge"], // ac
  trn1: ["2xlarge", "32xlarge"], // ac
  trn1n: ["32xlarge"], // ac
  trn2: ["3xlarge", "48xlarge"], // ac
  trn2u: ["48xlarge"], // ac
  vt1: ["3xlarge", "6xlarge", "24xlarge"], // ac
  // ---- High-performance computing (https://docs.aws.amazon.com/ec2/latest/instancetypes/hpc.html)
  hpc6a: ["48xlarge"], // hpc
  hpc6id: ["32xlarge"], // hpc
  hpc7a: ["12xlarge", "24xlarge", "48xlarge", "96xlarge"], // hpc
  hpc7g: ["4xlarge", "8xlarge", "16xlarge"], // hpc
  hpc8a: ["96xlarge"], // hpc
  // ---- Previous generation (https://docs.aws.amazon.com/ec2/latest/instancetypes/pg.html)
  a1: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "metal"], // pg
  c1: ["medium", "xlarge"], // pg
  c3: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"], // pg
  c4: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"], // pg
  g3: ["4xlarge", "8xlarge", "16xlarge"], // pg
  i2: ["xlarge", "2xlarge", "4xlarge", "8xlarge"], // pg
  m1: ["small", "medium", "large", "xlarge"], // pg
  m2: ["xlarge", "2xlarge", "4xlarge"], // pg
  m3: ["medium", "large", "xlarge", "2xlarge"], // pg
  m4: ["large", "xlarge", "2xlarge", "4xlarge", "10xlarge", "16xlarge"], // pg
  p3: ["2xlarge", "8xlarge", "16xlarge"], // pg
  p3dn: ["24xlarge"], // pg
  r3: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"], // pg
  r4: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"], // pg
  t1: ["micro"], // pg
};

// Page note quoted from mo.md: "The U-9tb1, U-12tb1, U-18tb1, and U-24tb1 instance types are no longer available
// for new instance launches. If your workload requires a high-memory instance, we recommend that you use a U7i instance type instead."
/** Families that exist but can no longer be launched. */
export const EC2_END_OF_SALE_FAMILIES: readonly string[] = ["u-9tb1", "u-12tb1", "u-18tb1", "u-24tb1"];

/**
 * Types that are on no current specifications page but in an older version of the AWS docs, and still in the VPC
 * resource controller's table (so AWS still knows them). Accepted as existing; the trunk-ENI rule still judges them.
 */
// Source: awsdocs/amazon-ec2-user-guide doc_source/accelerated-computing-instances.md @ 00f196538ffa2ac7954fd8b02a4ab143a4e06c4f
//   ("Linux Accelerated Computing Instances", Hardware Specifications table: p2.*, p3.*, p3dn.24xlarge, g2.*,
//   g3s.xlarge, g3.*, f1.2xlarge, f1.4xlarge, f1.16xlarge)
// Only families absent from EC2_INSTANCE_FAMILIES are listed; the current ac.md and pg.md pages do not list them.
// f1.* is still in the VPC resource controller's limits table (amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go).
export const EC2_FAMILIES_ONLY_IN_OLDER_DOCS: Readonly<Record<string, readonly string[]>> = {
  f1: ["2xlarge", "4xlarge", "16xlarge"],
  p2: ["xlarge", "8xlarge", "16xlarge"],
  g2: ["2xlarge", "8xlarge"],
  g3s: ["xlarge"],
};
