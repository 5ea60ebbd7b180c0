#!/usr/bin/env bash
# Prints the root of an offline Terraform provider mirror (the directory that contains registry.terraform.io/)
# holding hashicorp/aws at the version the project pins, i.e. the version @cdktf/provider-aws was generated
# from (node_modules/@cdktf/provider-aws/package.json, cdktf.provider.version).
#
#   scripts/terraform/find-provider-mirror.sh            # version read from node_modules
#   scripts/terraform/find-provider-mirror.sh 5.100.0    # explicit version
#
# stdout: the mirror root, nothing else (usable as TF_PROVIDER_MIRROR="$(...)"). Exit 1 with a message on
# stderr when no mirror is found. Used by `npm run test:terraform` and by CI.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="${1:-}"
if [[ -z "$version" ]]; then
  package_json="$repo_root/node_modules/@cdktf/provider-aws/package.json"
  if [[ ! -f "$package_json" ]]; then
    echo "find-provider-mirror: $package_json not found. Fix: run 'npm ci' first, or pass the provider version as an argument." >&2
    exit 1
  fi
  version="$(node -p "require(process.argv[1]).cdktf.provider.version" "$package_json")"
fi

suffix="registry.terraform.io/hashicorp/aws/$version"

# Terraform's implied mirror directories first (cheap); a mirror qualifies if it has the version directory (unpacked layout) or the
# provider zip (packed layout).
has_provider() {
  [[ -d "$1/$suffix" ]] || compgen -G "$1/registry.terraform.io/hashicorp/aws/terraform-provider-aws_${version}_*.zip" >/dev/null
}
candidates=(
  "${TF_PLUGIN_CACHE_DIR:-}"
  "$HOME/.terraform.d/plugins"
  "$HOME/.local/share/terraform/plugins"
  /usr/local/share/terraform/plugins
  /usr/share/terraform/plugins
)
for candidate in "${candidates[@]}"; do
  if [[ -n "$candidate" ]] && has_provider "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

# Then the whole filesystem (first hit only), skipping pseudo file systems, dependency trees and Terraform
# working directories: .terraform/providers has the same layout but only links into a real mirror, and
# vanishes with its directory.
found="$(find / \
  \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -name node_modules -o -name .git -o -name .terraform \) -prune -o \
  -type d -path "*/$suffix" -print -quit 2>/dev/null || true)"
if [[ -z "$found" ]]; then
  echo "find-provider-mirror: no directory */$suffix on this machine." >&2
  echo "Fix: put hashicorp/aws $version in a filesystem mirror (terraform providers mirror <dir>, on a machine with internet) and set TF_PROVIDER_MIRROR=<dir>." >&2
  exit 1
fi
echo "${found%/"$suffix"}"
