#!/usr/bin/env bash
# Soak test of `serve` (issue 4), bounded in count and time, loopback only:
#   IMAGES images dropped into the inbox while CLIENTS concurrent clients post BATCHES batches over HTTP;
#   the worker is killed with SIGKILL KILLS times at random moments and restarted each time.
# At the end every input must have exactly one result, none lost or duplicated, and no input may have left
# processing/ before its result was durable (checked continuously while it runs). Prints counts and throughput.
#
#   scripts/soak.sh [--images 300] [--batches 40] [--clients 8] [--files-per-batch 3] [--kills 3]
#                   [--max-seconds 900] [--postgres CONNSTRING] [--keep]
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
images=300 batches=40 clients=8 per_batch=3 kills=3 max_seconds=900 postgres="" keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --images) images=$2; shift 2 ;; --batches) batches=$2; shift 2 ;; --clients) clients=$2; shift 2 ;;
    --files-per-batch) per_batch=$2; shift 2 ;; --kills) kills=$2; shift 2 ;; --max-seconds) max_seconds=$2; shift 2 ;;
    --postgres) postgres=$2; shift 2 ;; --keep) keep=1; shift ;;
    *) echo "soak: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v convert >/dev/null && [ -x /usr/bin/convert ] || { echo "soak: needs ImageMagick (apt-get install imagemagick)" >&2; exit 1; }

work=$(mktemp -d /tmp/tablerecovery-soak.XXXXXX)
run="$work/run"; mkdir -p "$run/inbox" "$work/src" "$work/batches"
key="soak-key-$(date +%s%N)"
worker_pid=""
cleanup() {
  [ -n "$worker_pid" ] && kill -9 "$worker_pid" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  [ "$keep" = 1 ] && echo "soak: kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
deadline=$(( $(date +%s) + max_seconds ))
past_deadline() { [ "$(date +%s)" -ge "$deadline" ]; }

echo "soak: building the worker (Release)" >&2
dotnet build -c Release -v q -nologo "$root_dir/src/TableRecovery.Worker" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dll="$root_dir/src/TableRecovery.Worker/bin/Release/net10.0/TableRecovery.Worker.dll"

echo "soak: making $images + $((batches * per_batch)) distinct table images" >&2
make_image() { # $1 = file, $2 = number printed in the cells
  convert -size 420x200 xc:white -stroke black -strokewidth 2 \
    -draw "line 10,10 410,10" -draw "line 10,70 410,70" -draw "line 10,130 410,130" -draw "line 10,190 410,190" \
    -draw "line 10,10 10,190" -draw "line 150,10 150,190" -draw "line 280,10 280,190" -draw "line 410,10 410,190" \
    -stroke none -fill black -pointsize 28 \
    -draw "text 40,50 '$2'" -draw "text 180,50 '$(( $2 % 97 ))'" -draw "text 300,50 '$(( $2 * 7 % 1000 ))'" \
    -draw "text 40,110 '$(( $2 + 11 ))'" -draw "text 180,110 '$(( $2 % 13 ))'" -draw "text 300,170 '$(( $2 / 3 ))'" "$1"
}
export -f make_image
seq 1 "$images" | xargs -P 2 -I{} bash -c 'make_image "$0/src/img-$(printf %04d {}).png" {}' "$work"
for b in $(seq 1 "$batches"); do
  for f in $(seq 1 "$per_batch"); do make_image "$work/batches/b$b-$f.png" $(( 100000 + b * 100 + f )); done
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
start_worker() {
  local env=(Api__Keys__soak="$key" Worker__ClaimLease=00:00:05 Worker__FileSettleTime=00:00:00.300 Worker__PollInterval=00:00:00.100
             Logging__LogLevel__Default=Warning OMP_THREAD_LIMIT=1)
  [ -n "$postgres" ] && env+=(Storage__Provider=Postgres "Storage__ConnectionString=$postgres")
  env "${env[@]}" dotnet "$dll" serve --root "$run" --urls "$base" --Engine:TessdataPath="$root_dir/tessdata" >>"$work/worker.log" 2>&1 &
  worker_pid=$!
}
wait_ready() {
  for _ in $(seq 1 300); do curl -sf "$base/healthz/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "soak: worker did not become ready" >&2; tail -20 "$work/worker.log" >&2; return 1
}
start_worker; wait_ready
started=$(date +%s.%N)

# Producer: drop the images (write elsewhere, then rename into the inbox).
( for f in "$work"/src/*.png; do
    past_deadline && break
    cp "$f" "$run/.$(basename "$f").part" && mv "$run/.$(basename "$f").part" "$run/inbox/$(basename "$f")"
    sleep 0.0$(( RANDOM % 3 ))
  done ) &
producer=$!

# Clients: each posts its share of batches; a post cut by a kill is retried with the same batch id.
post_batch() {
  local b=$1 args=() f
  for f in "$work"/batches/b$b-*.png; do args+=(-F "files=@$f;type=image/png"); done
  for attempt in $(seq 1 100); do
    past_deadline && return 1
    code=$(curl -s -o "$work/post-$b.json" -w '%{http_code}' -H "X-Api-Key: $key" -F "batch_id=soak-$b" "${args[@]}" "$base/api/v1/batches" || true)
    case "$code" in 200|202) return 0 ;; esac
    sleep 0.3
  done
  return 1
}
client_pids=()
for c in $(seq 1 "$clients"); do
  ( for b in $(seq "$c" "$clients" "$batches"); do post_batch "$b" || echo "soak: batch $b not posted" >&2; done ) &
  client_pids+=($!)
done

# Monitor: an input in done/ or failed/ must already have its durable result in out/.
( while :; do
    for f in "$run"/done/*.png "$run"/failed/*.png; do
      [ -e "$f" ] || continue
      n=$(basename "$f" .png)
      [ -e "$run/out/$n.json" ] || echo "$n" >>"$work/violations"
    done
    sleep 0.2
  done ) &
monitor=$!

# Killer: SIGKILL at random moments, restart at once.
killed=0
for k in $(seq 1 "$kills"); do
  sleep "$(( 2 + RANDOM % 6 )).$(( RANDOM % 10 ))"
  kill -9 "$worker_pid" 2>/dev/null && killed=$((killed + 1))
  wait "$worker_pid" 2>/dev/null || true
  echo "soak: SIGKILL $k at $(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)") s" >&2
  start_worker; wait_ready
done

wait "$producer" "${client_pids[@]}" || true
echo "soak: all dropped and posted; waiting for the worker to finish" >&2
finished() {
  [ -z "$(ls -A "$run/inbox")" ] || return 1
  [ "$(find "$run/processing" -type f ! -name .owner | wc -l)" -eq 0 ] || return 1
  [ "$(find "$run/out" -name 'img-*.json' | wc -l)" -ge "$images" ] || return 1
  for b in $(seq 1 "$batches"); do
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/post-$b.json" 2>/dev/null) || return 1
    curl -sf -H "X-Api-Key: $key" "$base/api/v1/batches/$id" | grep -q '"complete":true' || return 1
  done
}
until finished; do
  past_deadline && { echo "soak: time limit reached before the work finished" >&2; break; }
  sleep 0.5
done
ended=$(date +%s.%N)
kill "$monitor" 2>/dev/null || true

# Verdict.
outs=$(find "$run/out" -name 'img-*.json' | wc -l)
moved=$(find "$run/done" "$run/failed" -name 'img-*.png' | wc -l)
dupes=$(find "$run/done" "$run/failed" "$run/inbox" -name '* (*' | wc -l)
left=$(( $(ls "$run/inbox" | wc -l) + $(find "$run/processing" -type f ! -name .owner | wc -l) ))
batch_files=0 batch_results=0
for b in $(seq 1 "$batches"); do
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/post-$b.json" 2>/dev/null) || continue
  status=$(curl -sf -H "X-Api-Key: $key" "$base/api/v1/batches/$id") || continue
  batch_files=$(( batch_files + $(echo "$status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') ))
  for fid in $(echo "$status" | python3 -c 'import json,sys; print(" ".join(f["id"] for f in json.load(sys.stdin)["files"]))'); do
    curl -sf -o /dev/null -H "X-Api-Key: $key" "$base/api/v1/files/$fid/result" && batch_results=$((batch_results + 1))
  done
done
batches_posted=$(find "$work" -maxdepth 1 -name 'post-*.json' | wc -l)
violations=$( [ -f "$work/violations" ] && sort -u "$work/violations" | wc -l || echo 0)
if [ -z "$postgres" ]; then
  db="$run/tablerecovery.db"
  q() { sqlite3 "$db" "$1"; }
else
  q() { psql "$(python3 -c 'import sys;d=dict(p.split("=",1) for p in sys.argv[1].split(";") if p);print(f"postgresql://{d.get("Username","postgres")}@{d["Host"]}:{d["Port"]}/{d["Database"]}")' "$postgres")" -tAc "$1"; }
fi
contents=$(q "SELECT COUNT(*) FROM contents")
unfinished=$(q "SELECT COUNT(*) FROM contents WHERE state NOT IN ('done','failed')")
twice=$(q "SELECT COUNT(*) FROM contents WHERE recoveries <> 1")
elapsed=$(echo "$ended - $started" | bc)
total=$(( outs + batch_results ))
kill -TERM "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true; worker_pid=""

printf 'soak: folder: %d dropped, %d results in out/, %d inputs in done/+failed/, %d left in inbox/processing, %d duplicate names\n' \
  "$images" "$outs" "$moved" "$left" "$dupes"
printf 'soak: http: %d/%d batches posted, %d files, %d results\n' "$batches_posted" "$batches" "$batch_files" "$batch_results"
printf 'soak: store: %d contents, %d unfinished, %d recovered other than exactly once\n' "$contents" "$unfinished" "$twice"
printf 'soak: %d SIGKILLs, %d inputs moved before their result was durable\n' "$killed" "$violations"
printf 'soak: %d results in %.1f s: %.2f files/s\n' "$total" "$elapsed" "$(echo "$total / $elapsed" | bc -l)"
ok=1
[ "$outs" -eq "$images" ] && [ "$moved" -eq "$images" ] && [ "$left" -eq 0 ] && [ "$dupes" -eq 0 ] || ok=0
[ "$batches_posted" -eq "$batches" ] && [ "$batch_results" -eq $(( batches * per_batch )) ] || ok=0
[ "$unfinished" -eq 0 ] && [ "$twice" -eq 0 ] && [ "$violations" -eq 0 ] || ok=0
if [ "$ok" = 1 ]; then echo "soak: PASS"; else echo "soak: FAIL (log: kept in $work)"; keep=1; exit 1; fi
