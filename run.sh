#!/usr/bin/env bash
# Single entry point: builds what is missing, then dispatches a subcommand.
#   ./run.sh demo [--out DIR]          the embedded default pipeline (Spark local[*])
#   ./run.sh test [mvn args]           the whole test suite
#   ./run.sh env|cat|model|eval|challenge|bench|pipeline ...   see README.md
#   ./run.sh submit --master URL ...   spark-submit of the application jar
#   ./run.sh cluster start|stop        a local standalone master + 2 workers
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MVN_FLAGS=(-B -q -Dstyle.color=never)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
# lets TF compile CPU graphs with XLA where a session asks for it (train.xla); inert otherwise
export TF_XLA_FLAGS="${TF_XLA_FLAGS:---tf_xla_cpu_global_jit}"

# Spark's module-opening list (docs/platform.md); spark-submit adds it for executors itself.
OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
export SELFCHALLENGE_JVM_OPENS="$OPENS"

log() { echo "[run.sh] $*" >&2; }

# Installs the system packages the project needs (JDK 17, Maven, Debian's CPython for the sandbox,
# libseccomp) when they are missing, using apt-get on Debian/Ubuntu. Elsewhere it says what to install.
ensure_system_deps() {
  local pkgs=()
  command -v java >/dev/null 2>&1 || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
  [ -x /usr/bin/python3 ] || pkgs+=(python3)
  # the library list is captured before it is searched: piped into `grep -q`, ldconfig can die of
  # SIGPIPE once grep has its match, and under pipefail that read as "missing" (and ran apt-get)
  local libs
  libs="$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)"
  [[ "$libs" == *libseccomp.so.2* ]] || pkgs+=(libseccomp2)
  [ ${#pkgs[@]} -eq 0 ] && return 0
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    log "installing system packages: ${pkgs[*]}"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  else
    log "please install: ${pkgs[*]} (JDK 17, Maven 3.8+, CPython 3 at /usr/bin/python3, libseccomp 2)"
    exit 1
  fi
}

# Builds the modules when any source, pom or conf file (the jar carries conf/application.conf) is
# newer than the last build, and records the runtime
# classpath of spark-jobs (compile + provided scopes, so Spark itself is on it for local mode).
ensure_built() {
  local stamp="$ROOT/spark-jobs/target/.built"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT" \( -path "$ROOT/*/target" -o -path "$ROOT/out" -o -path "$ROOT/.git" \) -prune -o \( -name pom.xml -o -path '*/src/main/*' -o -path "$ROOT/conf/*" \) -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  log "building (first build downloads dependencies: a few minutes)"
  (cd "$ROOT" && mvn "${MVN_FLAGS[@]}" -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile) >&2
  # (Maven's own output goes to stderr: stdout belongs to the subcommand, e.g. JSON lines.)
  touch "$stamp"
}

classpath() {
  local jar
  jar=$(ls "$ROOT"/spark-jobs/target/selfchallenge-spark-jobs-*.jar | grep -v original | head -1)
  echo "$jar:$(cat "$ROOT/spark-jobs/target/classpath.txt")"
}

java_main() {
  # shellcheck disable=SC2086
  exec java ${JAVA_OPTS:--Xmx6g} $OPENS -cp "$(classpath)" org.selfchallenge.spark.cli.Main "$@"
}

cmd="${1:-help}"
case "$cmd" in
  test)
    shift
    ensure_system_deps
    cd "$ROOT" && exec mvn -B test "$@"
    ;;
  cluster)
    shift
    ensure_system_deps; ensure_built
    exec "$ROOT/conf/cluster.sh" "$@"
    ;;
  submit)
    shift
    ensure_system_deps; ensure_built
    exec "$ROOT/conf/submit.sh" "$@"
    ;;
  help|-h|--help)
    sed -n '2,8p' "$0"
    ;;
  *)
    ensure_system_deps; ensure_built
    java_main "$@"
    ;;
esac
