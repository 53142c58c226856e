#!/usr/bin/env bash
# ./run.sh submit --master URL [spark-submit options] [-- pipeline args]
# Real org.apache.spark.deploy.SparkSubmit with the application jar built by maven-shade (Spark, Hadoop
# and Arrow are provided by the cluster; protobuf relocated). TensorFlow's CPU natives travel with --jars
# (on GPU workers pass the linux-x86_64-gpu natives instead). Pipeline args default to `demo`.
# Example: ./run.sh cluster start && ./run.sh submit --master spark://127.0.0.1:7077 -- demo --out out/cluster/run
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OPENS="${SELFCHALLENGE_JVM_OPENS:-}"
JAR=$(ls "$ROOT"/spark-jobs/target/selfchallenge-spark-jobs-*.jar | grep -v original | head -1)
CP="$(cat "$ROOT/spark-jobs/target/classpath.txt")"
TF_NATIVE=$(tr ':' '\n' <<< "$CP" | grep 'tensorflow-core-native-.*-linux-x86_64\.jar$' | head -1 || true)
SUBMIT_OPTS=()
APP_ARGS=()
seen_sep=0
for a in "$@"; do
  if [ $seen_sep = 0 ] && [ "$a" = "--" ]; then seen_sep=1; continue; fi
  if [ $seen_sep = 1 ]; then APP_ARGS+=("$a"); else SUBMIT_OPTS+=("$a"); fi
done
[ ${#APP_ARGS[@]} -eq 0 ] && APP_ARGS=(demo)
case " ${SUBMIT_OPTS[*]:-} " in *" --master "*) ;; *) echo "usage: run.sh submit --master URL [spark-submit options] [-- pipeline args]" >&2; exit 2 ;; esac
JARS=()
[ -n "$TF_NATIVE" ] && JARS=(--jars "$TF_NATIVE")
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" SPARK_SCALA_VERSION=2.13
# The submitting JVM needs Spark itself: the Maven classpath stands in for $SPARK_HOME/jars.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx2g} $OPENS -cp "$CP" org.apache.spark.deploy.SparkSubmit \
  --deploy-mode client --class org.selfchallenge.spark.cli.PipelineCli \
  --properties-file "$ROOT/conf/spark-defaults.conf" \
  --conf spark.driver.host="${SPARK_DRIVER_HOST:-127.0.0.1}" \
  --conf "spark.driver.extraJavaOptions=$OPENS" --conf "spark.executor.extraJavaOptions=$OPENS" \
  --conf "spark.executorEnv.TF_XLA_FLAGS=${TF_XLA_FLAGS:---tf_xla_cpu_global_jit}" \
  "${JARS[@]}" "${SUBMIT_OPTS[@]}" "$JAR" "${APP_ARGS[@]}"
