#!/usr/bin/env bash
# ./run.sh cluster start|stop|status — a local Spark standalone cluster (1 master + 2 workers) built
# from the Maven jars, for trying `./run.sh submit` without a Spark distribution (docs: platform notes).
# Executors take their classpath from $SPARK_HOME/jars, so a stand-in SPARK_HOME links every jar of
# spark-jobs/target/classpath.txt. Processes are recorded in $CLUSTER_DIR/pids and stopped by PID.
# Environment: CLUSTER_DIR (default out/cluster), SPARK_MASTER_PORT (7077), SPARK_MASTER_WEBUI_PORT (28080),
#              WORKER_CORES (1), WORKER_MEMORY (1g), WORKER_GPUS (0; N > 0 gives each worker N GPUs listed
#              by conf/gpu-discovery.sh: submit with --conf spark.executor.resource.gpu.amount=1 and
#              selfchallenge.train.gpu.enabled = true to train on them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CLUSTER_DIR:-$ROOT/out/cluster}"
PORT="${SPARK_MASTER_PORT:-7077}"
UI="${SPARK_MASTER_WEBUI_PORT:-28080}"
CORES="${WORKER_CORES:-1}"
MEM="${WORKER_MEMORY:-1g}"
GPUS="${WORKER_GPUS:-0}"
OPENS="${SELFCHALLENGE_JVM_OPENS:-}"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13 SPARK_HOME="$DIR/sparkhome"

alive_workers() {
  python3 - "$UI" <<'PY' 2>/dev/null || echo 0
import json, sys, urllib.request
d = json.load(urllib.request.urlopen("http://127.0.0.1:%s/json/" % sys.argv[1], timeout=2))
print(sum(1 for w in d.get("workers", []) if w.get("state") == "ALIVE"))
PY
}

start() {
  if [ -f "$DIR/pids" ]; then echo "cluster already started (pids in $DIR/pids); run: ./run.sh cluster stop" >&2; exit 1; fi
  mkdir -p "$SPARK_HOME/jars" "$DIR/logs"
  tr ':' '\n' < "$ROOT/spark-jobs/target/classpath.txt" | while read -r j; do [ -n "$j" ] && ln -sf "$j" "$SPARK_HOME/jars/"; done
  # shellcheck disable=SC2086
  nohup java -Xmx512m $OPENS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$PORT" --webui-port "$UI" >"$DIR/logs/master.log" 2>&1 &
  echo $! >> "$DIR/pids"
  local gpu_opts=""
  if [ "$GPUS" -gt 0 ]; then
    gpu_opts="-Dspark.worker.resource.gpu.amount=$GPUS -Dspark.worker.resource.gpu.discoveryScript=$ROOT/conf/gpu-discovery.sh"
  fi
  for i in 1 2; do
    mkdir -p "$DIR/work$i"
    # shellcheck disable=SC2086
    nohup java -Xmx512m $OPENS $gpu_opts -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores "$CORES" --memory "$MEM" --webui-port $((UI + i)) --work-dir "$DIR/work$i" \
        "spark://127.0.0.1:$PORT" >"$DIR/logs/worker$i.log" 2>&1 &
    echo $! >> "$DIR/pids"
  done
  for _ in $(seq 1 120); do
    if [ "$(alive_workers)" = "2" ]; then
      echo "master spark://127.0.0.1:$PORT (UI http://127.0.0.1:$UI), 2 workers ALIVE; logs in $DIR/logs"
      echo "submit with: ./run.sh submit --master spark://127.0.0.1:$PORT -- demo --out $DIR/run"
      return 0
    fi
    sleep 1
  done
  echo "cluster did not come up in 120 s; see $DIR/logs" >&2
  stop
  exit 1
}

stop() {
  [ -f "$DIR/pids" ] || { echo "no cluster recorded in $DIR/pids"; return 0; }
  while read -r pid; do
    kill "$pid" 2>/dev/null || true
  done < "$DIR/pids"
  while read -r pid; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done < "$DIR/pids"
  rm -f "$DIR/pids"
  echo "cluster stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) echo "alive workers: $(alive_workers)" ;;
  *) echo "usage: run.sh cluster start|stop|status" >&2; exit 2 ;;
esac
