#!/usr/bin/env bash
# Spark GPU discovery script: set spark.worker.resource.gpu.discoveryScript (standalone) or
# spark.executor.resource.gpu.discoveryScript (YARN, Kubernetes) to this file on every GPU worker.
# Prints this machine's GPUs as Spark's ResourceInformation JSON, e.g. {"name":"gpu","addresses":["0","1"]}.
# The addresses are nvidia-smi indices. The train stage turns the address Spark assigns to its task
# into TensorFlow's /GPU:N (train.gpu.device = "assigned"); the two numberings agree because
# conf/spark-defaults.conf sets CUDA_DEVICE_ORDER=PCI_BUS_ID for executors (nvidia-smi's order). Leave
# CUDA_VISIBLE_DEVICES unset on the executors: it would renumber TensorFlow's devices.
# Fails with a message on stderr (Spark shows it in the worker log) when no GPU can be listed.
set -euo pipefail
fail() { echo "gpu-discovery: $*" >&2; exit 1; }
command -v nvidia-smi >/dev/null 2>&1 || fail "nvidia-smi not found on PATH (install the NVIDIA driver, or remove the spark.*.resource.gpu.* settings on this worker)"
indices=$(nvidia-smi --query-gpu=index --format=csv,noheader) || fail "nvidia-smi --query-gpu=index failed"
addresses=""
while read -r i; do
  [ -z "$i" ] && continue
  [[ "$i" =~ ^[0-9]+$ ]] || fail "unexpected nvidia-smi index '$i'"
  addresses="${addresses:+$addresses,}\"$i\""
done <<< "$indices"
[ -n "$addresses" ] || fail "nvidia-smi lists no GPU"
echo "{\"name\":\"gpu\",\"addresses\":[$addresses]}"
