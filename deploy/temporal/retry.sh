# Shared by the one-shot setup jobs in this directory (sourced, not run).

# retry FAILURE COMMAND...: runs COMMAND every 2 seconds until it succeeds; after 30 failed tries
# prints "FAILURE after 30 tries" to stderr and exits 1.
retry() {
  failure="$1"
  shift
  tries=0
  until "$@"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 30 ]; then
      echo "${failure} after ${tries} tries" >&2
      exit 1
    fi
    sleep 2
  done
}
