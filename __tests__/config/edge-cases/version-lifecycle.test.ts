/**
 * Family 10 of issue 18 and item 6 of issue 15: the Kubernetes version against EKS's release calendar and the
 * cluster's explicit support type, on a day the test chooses.
 */
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import {
  EKS_KUBERNETES_RELEASE_CALENDAR,
  EKS_KUBERNETES_VERSIONS,
  SUPPORT_END_WARNING_DAYS,
  daysUntil,
} from "../../../src/aws-facts/supported-versions";
import { environmentWith } from "../../helpers/environments";
import { synthEnvironment } from "../../helpers/synth";
import { devText, load } from "./harness";

const version = (v: string, supportType?: string) => ({
  "dev.json": devText(
    '"kubernetesVersion": "1.35"',
    `"kubernetesVersion": "${v}"${supportType ? `,\n    "supportType": "${supportType}"` : ""}`,
  ),
});
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const at = (v: string) => `<dir>/dev.json:16:26: cluster.kubernetesVersion = "${v}"`;
const line = (level: "ERROR" | "WARNING", v: string, rest: string) =>
  `<dir>/dev.json:16:26: ${level} cluster.kubernetesVersion = "${v}": ${rest}`;

test.each<[string, string, string | undefined, string, { errors: string[]; warnings: string[] }]>([
  ["1.35, STANDARD, 61 days before 2027-03-27: nothing", "1.35", undefined, "2027-01-25", { errors: [], warnings: [] }],
  [
    "1.35, STANDARD, 60 days before: a warning",
    "1.35",
    undefined,
    "2027-01-26",
    {
      errors: [],
      warnings: [
        line(
          "WARNING",
          "1.35",
          "leaves EKS standard support on 2027-03-27, in 60 days (cluster.supportType STANDARD): EKS upgrades the control plane itself on 2027-03-27; the config would then plan a downgrade, which fails. Fix: raise cluster.kubernetesVersion (to 1.36) before 2027-03-27",
        ),
      ],
    },
  ],
  [
    "1.35, STANDARD, the day before: a warning, 1 day",
    "1.35",
    "STANDARD",
    "2027-03-26",
    {
      errors: [],
      warnings: [
        line(
          "WARNING",
          "1.35",
          "leaves EKS standard support on 2027-03-27, in 1 day (cluster.supportType STANDARD): EKS upgrades the control plane itself on 2027-03-27; the config would then plan a downgrade, which fails. Fix: raise cluster.kubernetesVersion (to 1.36) before 2027-03-27",
        ),
      ],
    },
  ],
  [
    "1.34, STANDARD, on 2026-12-05 (after 2026-12-02): an error",
    "1.34",
    undefined,
    "2026-12-05",
    {
      errors: [
        line(
          "ERROR",
          "1.34",
          'left EKS standard support on 2026-12-02 (cluster.supportType STANDARD): EKS upgrades the control plane itself from that day, and the config would then plan a downgrade, which fails. Fix: raise cluster.kubernetesVersion (to 1.35 or 1.36), or set cluster.supportType to "EXTENDED" (paid) to keep it until 2027-12-02',
        ),
      ],
      warnings: [],
    },
  ],
  [
    "1.34, STANDARD, on the day itself: an error",
    "1.34",
    undefined,
    "2026-12-02",
    {
      errors: [
        line(
          "ERROR",
          "1.34",
          'left EKS standard support on 2026-12-02 (cluster.supportType STANDARD): EKS upgrades the control plane itself from that day, and the config would then plan a downgrade, which fails. Fix: raise cluster.kubernetesVersion (to 1.35 or 1.36), or set cluster.supportType to "EXTENDED" (paid) to keep it until 2027-12-02',
        ),
      ],
      warnings: [],
    },
  ],
  ["1.34, EXTENDED, on 2026-12-05: accepted until 2027-12-02", "1.34", "EXTENDED", "2026-12-05", { errors: [], warnings: [] }],
  [
    "1.32, EXTENDED, 30 days before the end of extended support: a warning",
    "1.32",
    "EXTENDED",
    "2027-02-21",
    {
      errors: [],
      warnings: [
        line(
          "WARNING",
          "1.32",
          "leaves EKS extended support on 2027-03-23, in 30 days (cluster.supportType EXTENDED): EKS upgrades the control plane itself on 2027-03-23; the config would then plan a downgrade, which fails. Fix: raise cluster.kubernetesVersion (to 1.33 or 1.34 or 1.35 or 1.36) before 2027-03-23",
        ),
      ],
    },
  ],
  [
    "1.31, EXTENDED, after the end of extended support: an error",
    "1.31",
    "EXTENDED",
    "2026-12-05",
    {
      errors: [
        line(
          "ERROR",
          "1.31",
          "left EKS extended support on 2026-11-26 (cluster.supportType EXTENDED): EKS upgrades the control plane itself from that day, and the config would then plan a downgrade, which fails. Fix: raise cluster.kubernetesVersion (to 1.32 or 1.33 or 1.34 or 1.35 or 1.36)",
        ),
      ],
      warnings: [],
    },
  ],
  ["1.36: no dates in the calendar read offline, nothing to say", "1.36", undefined, "2027-06-01", { errors: [], warnings: [] }],
])("%s", (_name, v, supportType, today, expected) => {
  const outcome = load(version(v, supportType), day(today));
  expect({
    errors: outcome.errors,
    warnings: outcome.warnings.filter((w) => w.startsWith(at(v).split(":").slice(0, 3).join(":"))),
  }).toEqual(expected);
});

test("a version older than the calendar, and a support type EKS does not have", () => {
  expect(load(version("1.28"), day("2026-12-05")).errors).toEqual([
    line(
      "ERROR",
      "1.28",
      "is not a Kubernetes version EKS offers (its release calendar lists 1.29 to 1.36). Fix: use one of 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36; which are still supported on a given day is checked against the calendar",
    ),
  ]);
  expect(load(version("1.35", "FOREVER"), day("2026-12-05")).errors).toEqual([
    '<dir>/dev.json:17:20: ERROR cluster.supportType = "FOREVER": is not an EKS support type. Fix: use "STANDARD" (the default) or "EXTENDED" (paid, 12 more months)',
  ]);
});

test("the calendar: every version listed once, in order, extended support ending 12 months after standard support", () => {
  expect(EKS_KUBERNETES_RELEASE_CALENDAR.map((w) => w.version)).toEqual([...EKS_KUBERNETES_VERSIONS]);
  for (const window of EKS_KUBERNETES_RELEASE_CALENDAR.filter((w) => w.endOfStandardSupport)) {
    const [y, m, d] = window.endOfStandardSupport!.split("-");
    expect(window.endOfExtendedSupport).toBe(`${Number(y) + 1}-${m}-${d}`);
    expect(window.source).toMatch(/calendar/);
  }
  expect(SUPPORT_END_WARNING_DAYS).toBe(60);
  expect(daysUntil("2027-03-27", new Date("2027-03-26T23:59:59Z"))).toBe(1);
});

test.each(["STANDARD", "EXTENDED"])("the cluster's upgrade policy is the file's decision: %s", (supportType) => {
  const { platformJson } = synthEnvironment(
    environmentWith((e) => {
      e.cluster.supportType = supportType;
      e.cluster.kubernetesVersion = "1.35";
    }),
  );
  expect(platformJson).toHaveResourceWithProperties(EksCluster, { upgrade_policy: { support_type: supportType } });
});
