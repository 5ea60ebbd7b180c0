/** Family 8 of issue 18: values AWS accepts that the project refused. Each is accepted, through a whole synth. */
import { RDS_CHINA_CA_BUNDLE_URL, rdsCaBundleUrl } from "../../../src/aws-facts/rds-tls";
import { tagKeyProblem, tagValueProblem } from "../../../src/aws-facts/tags";
import { dev, synthesize } from "../../synth/harness";
import { devText, load, type Case } from "./harness";

describe.each([
  ["cn-north-1", ["cn-north-1a", "cn-north-1b"]],
  ["cn-northwest-1", ["cn-northwest-1a", "cn-northwest-1b"]],
  ["us-gov-west-1", ["us-gov-west-1a", "us-gov-west-1b"]],
])("%s synthesizes, and its pods fetch the partition's RDS CA bundle", (region, zones) => {
  const outcome = synthesize({
    "dev.json": dev((e) => {
      e.region = region;
      e.availabilityZones = zones;
    }),
  });

  test("accepted, its stacks written", () => {
    expect(outcome.lines.filter((line) => / ERROR /.test(line))).toEqual([]);
    expect(outcome.written).toEqual([
      "manifest.json",
      "stacks/dev-platform/cdk.tf.json",
      "stacks/dev-retained/cdk.tf.json",
      "stacks/dev-workload/cdk.tf.json",
    ]);
  });

  test("the bundle URL", () => {
    expect(rdsCaBundleUrl(region)).toBe(
      region.startsWith("cn-")
        ? RDS_CHINA_CA_BUNDLE_URL
        : `https://truststore.pki.us-gov-west-1.rds.amazonaws.com/${region}/${region}-bundle.pem`,
    );
  });
});

test.each([
  ["NO-BREAK SPACE (Zs)", "team\u00a0bi"],
  ["IDEOGRAPHIC SPACE (Zs)", "チーム\u3000bi"],
  ["LINE SEPARATOR (Zl)", "a\u2028b"],
  ["PARAGRAPH SEPARATOR (Zp)", "a\u2029b"],
])("a tag with a Unicode space separator, which IAM's pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]* allows: %s", (_name, text) => {
  expect([tagKeyProblem(text), tagValueProblem(text)]).toEqual([undefined, undefined]);
});

test.each([
  ["a TAB (Cc)", "a\tb"],
  ["an emoji (So)", "team 🚀"],
])("still refused, outside IAM's pattern: %s", (_name, text) => {
  expect(tagValueProblem(text)).toBe("holds characters AWS does not allow in tags (letters, numbers, spaces and _ . : / = + - @ only)");
});

const CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const withTls = (hostname: string) => ({
  "dev.json": devText(
    '"exposure": "internal",',
    `"exposure": "internal",\n    "tls": { "certificateArn": "${CERT}", "hostname": ${JSON.stringify(hostname)} },`,
  ),
});
const CASES: Case[] = [
  ["a tag value with a no-break space", { "dev.json": devText('"environment": "dev"', '"environment": "dev\u00a0eu"') }, []],
  ["a host name in capitals (DNS compares names ignoring case)", withTls("Metabase.Example.COM"), []],
  [
    "a host name with a trailing dot is still refused",
    withTls("metabase.example.com."),
    [expect.stringMatching(/application\.tls\.hostname = "metabase\.example\.com\.": is not a DNS name\. Fix: /) as unknown as string],
  ],
];

describe.each(CASES)("%s", (_name, entries, errors) => {
  test("exact report", () => expect(load(entries).errors).toEqual(errors));
});
