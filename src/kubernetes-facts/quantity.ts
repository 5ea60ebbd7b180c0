/**
 * Kubernetes resource quantities ("500m", "2Gi") in the form the API server writes them back.
 *
 * The API server parses every Quantity and re-emits it in canonical form (kubernetes/apimachinery
 * pkg/api/resource/quantity.go: "Non-canonical values will still parse as long as they are well formed, but
 * will be re-emitted in their canonical form. (So always use canonical form, or don't diff.)"). For a
 * `kubernetes_manifest`, whose state is the object the server returns, a non-canonical value in the config is
 * "Provider produced inconsistent result after apply" (hashicorp/terraform-provider-kubernetes#2508: "1000" came
 * back as "1k"; kubernetes-alpha#248: "0.25" as "250m"). This module computes the canonical form the way
 * apimachinery does (ParseQuantity, CanonicalizeBytes, int64Amount.AsCanonicalBytes, AsCanonicalBase1024Bytes):
 * - values are rounded up to the nano scale ("if you want some resources, you should get some resources");
 * - a binary-suffixed value (Ki..Ei) stays binary when it is a whole number of at least 1024, with the largest
 *   suffix that keeps the mantissa whole ("1.5Gi" -> "1536Mi", "1024Mi" -> "1Gi"); otherwise it is decimal;
 * - a decimal value gets the largest exponent, a multiple of 3, that keeps the mantissa whole ("1.5" -> "1500m",
 *   "1000m" -> "1", "1000" -> "1k"), written as an SI suffix, or as "e<n>" when it was written with an exponent.
 */

const BINARY = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 } as const;
const DECIMAL = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 } as const;
const BINARY_BY_SHIFT = Object.fromEntries(Object.entries(BINARY).map(([suffix, shift]) => [shift, suffix]));
const DECIMAL_BY_EXPONENT = Object.fromEntries(Object.entries(DECIMAL).map(([suffix, exponent]) => [exponent, suffix]));

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The canonical form of a quantity, or undefined when `text` is not a Kubernetes quantity. */
export function canonicalQuantity(text: string): string | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, digits, suffix = ""] = match;
  const [whole, fraction = ""] = digits.split(".");
  // value = mantissa * 10^exponent10 * 2^shift, exactly.
  let mantissa = BigInt(`${whole}${fraction}` || "0");
  let exponent10 = -fraction.length;
  let shift = 0;
  let format: "binary" | "decimal" | "exponent" = "decimal";
  if (suffix in BINARY) {
    shift = BINARY[suffix as keyof typeof BINARY];
    format = "binary";
  } else if (/^[eE]/.test(suffix)) {
    exponent10 += Number(suffix.slice(1));
    format = "exponent";
  } else {
    exponent10 += DECIMAL[suffix as keyof typeof DECIMAL];
  }
  if (mantissa === 0n) return "0";
  const negative = sign === "-";

  // Round up (away from zero) to the nano scale: nanos = ceil(mantissa * 2^shift * 10^(exponent10 + 9)).
  let numerator = mantissa << BigInt(shift);
  let denominator = 1n;
  if (exponent10 + 9 >= 0) numerator *= 10n ** BigInt(exponent10 + 9);
  else denominator = 10n ** BigInt(-(exponent10 + 9));
  const nanos = (numerator + denominator - 1n) / denominator;

  if (format === "binary" && nanos >= 1024n * 10n ** 9n && nanos % 10n ** 9n === 0n) {
    let bytes = nanos / 10n ** 9n;
    let bits = 0;
    while (bits < 60 && bytes % 1024n === 0n) {
      bytes /= 1024n;
      bits += 10;
    }
    return `${negative ? "-" : ""}${bytes}${BINARY_BY_SHIFT[bits]}`;
  }

  mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  const down = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(down);
  exponent -= down;
  const number = `${negative ? "-" : ""}${mantissa}`;
  if (format === "exponent") return exponent === 0 ? number : `${number}e${exponent}`;
  const si = DECIMAL_BY_EXPONENT[exponent];
  // Beyond exa apimachinery has no SI suffix; such a value is not one this project would write.
  return si === undefined ? undefined : `${number}${si}`;
}
