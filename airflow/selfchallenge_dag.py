"""Airflow DAG: the self-challenging pipeline, one SparkSubmitOperator per stage and round.

Each task runs `spark-submit --class org.selfchallenge.spark.cli.PipelineCli <app jar> --conf <conf> --stage R/NAME`;
a stage whose output is already committed (`_SUCCESS`) is a no-op, so clearing and re-running tasks is safe.
Round 0 builds the held-out tasks, the initial policy and its evaluation; rounds 1..R each run
challenge -> verify -> solve -> train -> evaluate.

Airflow Variables (with defaults):
  selfchallenge_jar       path to spark-jobs/target/selfchallenge-spark-jobs-0.1.0-SNAPSHOT.jar (maven-shade output)
  selfchallenge_conf      HOCON override file given to --conf
  selfchallenge_rounds    number of training rounds R (must match selfchallenge.run.rounds in the conf)
  selfchallenge_tf_native TensorFlow Java natives jar for the workers (CPU or GPU build)
  selfchallenge_executor_gpus  GPUs per executor for the train stage (empty = CPU)
  selfchallenge_episode_task_gpus  GPU share per solve/evaluate task, e.g. 0.25 (empty = CPU); needs
                          selfchallenge.policy.device = assigned in the conf and selfchallenge_executor_gpus
Connection `spark_default` points at the cluster master.
"""
from datetime import datetime

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MAIN_CLASS = "org.selfchallenge.spark.cli.PipelineCli"
JAR = Variable.get("selfchallenge_jar", default_var="spark-jobs/target/selfchallenge-spark-jobs-0.1.0-SNAPSHOT.jar")
CONF = Variable.get("selfchallenge_conf", default_var="conf/application.conf")
ROUNDS = int(Variable.get("selfchallenge_rounds", default_var="2"))
TF_NATIVE = Variable.get("selfchallenge_tf_native", default_var="")
EXECUTOR_GPUS = Variable.get("selfchallenge_executor_gpus", default_var="")
EPISODE_TASK_GPUS = Variable.get("selfchallenge_episode_task_gpus", default_var="")

ROUND0_STAGES = ["challenge", "verify", "init", "evaluate"]
ROUND_STAGES = ["challenge", "verify", "solve", "train", "evaluate"]

JVM_OPENS = " ".join([
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true",
])


def stage_task(dag, rnd, stage):
    conf = {"spark.driver.extraJavaOptions": JVM_OPENS, "spark.executor.extraJavaOptions": JVM_OPENS}
    if stage == "train" and EXECUTOR_GPUS:
        # GPU training: with selfchallenge.train.gpu.enabled = true the train task itself asks for GPUs
        # through a stage-level resource profile; executors must advertise GPUs.
        conf["spark.executor.resource.gpu.amount"] = EXECUTOR_GPUS
    if stage in ("solve", "evaluate") and EXECUTOR_GPUS and EPISODE_TASK_GPUS:
        # GPU episodes: every task of these stages takes a share of a GPU, and with
        # policy.device = assigned runs the policy on it.
        conf["spark.executor.resource.gpu.amount"] = EXECUTOR_GPUS
        conf["spark.task.resource.gpu.amount"] = EPISODE_TASK_GPUS
    return SparkSubmitOperator(
        task_id=f"round{rnd}_{stage}",
        application=JAR,
        java_class=MAIN_CLASS,
        application_args=["--conf", CONF, "--stage", f"{rnd}/{stage}"],
        jars=TF_NATIVE or None,
        conf=conf,
        name=f"selfchallenge-r{rnd}-{stage}",
        dag=dag,
    )


with DAG(
    dag_id="selfchallenge_pipeline",
    description="Self-challenging tool-use agents: challenge, verify, solve, train, evaluate",
    start_date=datetime(2025, 1, 1),
    schedule=None,
    catchup=False,
    max_active_runs=1,
    tags=["selfchallenge", "spark"],
) as dag:
    previous = None
    for rnd in range(ROUNDS + 1):
        for stage in (ROUND0_STAGES if rnd == 0 else ROUND_STAGES):
            task = stage_task(dag, rnd, stage)
            if previous is not None:
                previous >> task
            previous = task
