#!/usr/bin/env bash
# Kills looptool's workers at random moments and checks that the run still completes with artifacts
# byte-identical to an uninterrupted run (docs/durability-tests.md). Per try: `looptool server`, a
# workflow worker and an activity worker (cpu,llm,gpu) as separate processes on one store, the run
# of scripts/random-kills.yaml, and KILLS SIGKILLs of a randomly chosen worker, each 0-4 s after the
# previous restart (plus the second the status query that names the stage takes) and followed 0-3 s
# later by a restart of the same command.
#
#   scripts/random-kills.sh [--kills 10] [--tries 1] [--seed N] [--keep DIR]
#
# Build first: mvn -q -DskipTests package. Exit 0 when every try matched the uninterrupted run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
kills=10 tries=1 seed=$$ keep=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kills) kills=$2; shift 2 ;;
    --tries) tries=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "random-kills: unknown argument $1" >&2; exit 2 ;;
  esac
done
RANDOM=$seed
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
spec=scripts/random-kills.yaml
run_id=kh
pids=()

cleanup() { for p in "${pids[@]}"; do { kill -9 "$p" && wait "$p"; } 2>/dev/null; done; pids=(); }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_worker() { # pool store target log -> pid
  ./looptool worker --pool "$1" --store "$2" --temporal "$3" --metrics-port -1 >>"$4" 2>&1 &
  echo $!
}

# scenario NAME KILLS: one server, two workers, one run; prints the kills; leaves $work/NAME/store
scenario() {
  local name=$1 n=$2 dir=$work/$1 port target wf act waiter t0
  rm -rf "$dir"; mkdir -p "$dir"
  port=$(free_port); target=127.0.0.1:$port
  ./looptool server --port "$port" >"$dir/server.log" 2>&1 & pids+=($!)
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
  wf=$(start_worker workflow "$dir/store" "$target" "$dir/workflow.log"); act=$(start_worker cpu,llm,gpu "$dir/store" "$target" "$dir/activities.log")
  t0=$SECONDS
  ./looptool start --config "$spec" --run-id "$run_id" --temporal "$target" >/dev/null || return 1
  ./looptool wait "$run_id" --temporal "$target" --notice-after 1 >"$dir/wait.log" 2>&1 & waiter=$!
  local done=0
  while (( done < n )) && kill -0 "$waiter" 2>/dev/null; do
    sleep "$(( RANDOM % 4 )).$(( RANDOM % 10 ))"
    kill -0 "$waiter" 2>/dev/null || break
    local stage
    stage=$(./looptool status "$run_id" --temporal "$target" --query-timeout 3 2>&1 | grep -o '\[iteration [0-9/]*\] *[a-z-]*' | tr -s ' ')
    if (( RANDOM % 2 == 0 )); then kill -9 "$wf"; who=workflow; else kill -9 "$act"; who=activity; fi
    sleep "$(( RANDOM % 3 )).$(( RANDOM % 10 ))"
    if [[ $who == workflow ]]; then wf=$(start_worker workflow "$dir/store" "$target" "$dir/workflow.log"); else act=$(start_worker cpu,llm,gpu "$dir/store" "$target" "$dir/activities.log"); fi
    done=$((done + 1))
    printf '  kill %2d at %4d s: %-8s worker, %s\n' "$done" $((SECONDS - t0)) "$who" "${stage:-no status (no workflow worker)}"
  done
  wait "$waiter"; local rc=$?
  printf '  %s: run ended after %d s, wait exit %d\n' "$name" $((SECONDS - t0)) "$rc"
  pids+=("$wf" "$act"); cleanup
  return $rc
}

hashes() { (cd "$1/store/runs/$run_id" && find . -type f | sort | xargs sha256sum); }

echo "random-kills: seed $seed, $kills kills per try, $tries tries, work dir $work"
scenario clean 0 || { echo "random-kills: the uninterrupted run failed (see $work/clean)"; exit 1; }
hashes "$work/clean" >"$work/clean.sha256"
failed=0
for t in $(seq "$tries"); do
  echo "try $t:"
  if scenario "try-$t" "$kills"; then
    hashes "$work/try-$t" >"$work/try-$t.sha256"
    if diff -q "$work/clean.sha256" "$work/try-$t.sha256" >/dev/null; then
      echo "  identical: $(wc -l <"$work/clean.sha256") artifacts byte-identical to the uninterrupted run"
    else
      echo "  DIFFERENT artifacts:"; diff "$work/clean.sha256" "$work/try-$t.sha256" | head -20; failed=$((failed + 1))
    fi
  else
    echo "  the run did not complete (see $work/try-$t)"; failed=$((failed + 1))
  fi
done
echo "random-kills: $((tries - failed))/$tries tries identical"
[[ -z $keep && $failed -eq 0 ]] && rm -rf "$work"
exit $(( failed > 0 ))
