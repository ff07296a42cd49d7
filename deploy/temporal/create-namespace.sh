#!/bin/sh
# One-shot job (temporalio/admin-tools, Temporal CLI): creates looptool's namespace and registers
# the search attributes the LoopTool workflow upserts. Idempotent: what exists is kept.
set -eu
. "$(dirname "$0")/retry.sh"

address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${LOOPTOOL_NAMESPACE:-looptool}"
retention="${LOOPTOOL_NAMESPACE_RETENTION:-720h}"

host="${address%:*}"
port="${address##*:}"

echo "Waiting for the Temporal frontend at ${address} ..."
retry "Temporal frontend at ${address} did not accept connections" nc -z -w 5 "$host" "$port"

# The official compose setup dials the frontend by IPv4 address: inside these containers the
# service name can also resolve to an IPv6 address the server does not listen on.
ip="$(getent ahosts "$host" | awk '$2 == "STREAM" && $1 ~ /^[0-9.]+$/ { print $1; exit }')"
if [ -n "$ip" ]; then
  address="${ip}:${port}"
fi

retry "Temporal at ${address} did not report healthy" \
  temporal operator cluster health --address "$address"

if temporal operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1; then
  echo "Namespace '$namespace' exists"
else
  echo "Creating namespace '$namespace' (retention ${retention})"
  temporal operator namespace create --address "$address" --namespace "$namespace" --retention "$retention"
fi

# The search attributes of the LoopTool workflow: name and type, one pair per line.
existing="$(temporal operator search-attribute list --address "$address" --namespace "$namespace")"
while read -r name type; do
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "Search attribute $name exists"
  else
    echo "Registering search attribute $name ($type)"
    temporal operator search-attribute create --address "$address" --namespace "$namespace" \
      --name "$name" --type "$type"
  fi
done <<ATTRIBUTES
LoopIteration Int
LoopStage Keyword
LoopAccuracy Double
ATTRIBUTES

echo "Namespace '$namespace' is ready for looptool"
