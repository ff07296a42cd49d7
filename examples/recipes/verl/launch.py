"""One LoopTool train step with verl: looptool samples in, a Hugging Face model out.

1. ``looptool data export --format verl`` and Parquet (the authors' rows);
2. ``python3 -m verl.trainer.main_ppo`` with GRPO as LOOPTOOL.md sets it, the ToolMatch reward
   (reward.py), its console metrics turned into looptool's progress lines on stdout (verl's own
   output goes to stderr, which looptool keeps in the job's log);
3. ``python3 -m verl.model_merger merge`` of the last checkpoint into ``--out``, which vLLM serves.

verl's FSDP checkpoints live in ``--out``/verl-checkpoints, so a retried attempt with the same
output directory resumes from them (``trainer.resume_mode=auto``); they are removed once the merged
model is written unless LOOPTOOL_KEEP_VERL_CHECKPOINTS=1. Exit codes: verl's own, a death by
signal as 128+n (which looptool retries).
"""

import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

from looptool_reward import progress, recipe  # noqa: E402


def paths(a):
    work = os.path.join(a.out, "verl-data")
    return {
        "work": work,
        "train_jsonl": os.path.join(work, "train.jsonl"),
        "train_parquet": os.path.join(work, "train.parquet"),
        "test_jsonl": os.path.join(work, "test.jsonl"),
        "test_parquet": os.path.join(work, "test.parquet"),
        "checkpoints": os.path.join(a.out, "verl-checkpoints"),
    }


def verl_command(a, p, python=sys.executable):
    """The verl command line for the parsed options."""
    val = p["test_parquet"] if a.test else p["train_parquet"]
    gpus = a.gpus if a.gpus is not None else _visible_gpus()
    o = [
        "algorithm.adv_estimator=grpo",
        "algorithm.use_kl_in_reward=False",
        "data.train_files=" + p["train_parquet"],
        "data.val_files=" + val,
        "data.prompt_key=prompt",
        "data.train_batch_size=%d" % a.batch_size,
        "data.max_prompt_length=%d" % a.max_prompt_length,
        "data.max_response_length=%d" % a.max_response_length,
        "data.filter_overlong_prompts=True",
        "data.truncation=error",
        "data.seed=%d" % a.seed,
        "actor_rollout_ref.model.path=" + a.model,
        "actor_rollout_ref.actor.optim.lr=%g" % a.lr,
        "actor_rollout_ref.actor.ppo_mini_batch_size=%d" % a.mini_batch_size,
        "actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=%d" % a.micro_batch_per_gpu,
        "actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=%d" % (2 * a.micro_batch_per_gpu),
        "actor_rollout_ref.rollout.tensor_model_parallel_size=1",
        "actor_rollout_ref.model.enable_gradient_checkpointing=True",
        "actor_rollout_ref.actor.clip_ratio_low=%g" % a.clip_low,
        "actor_rollout_ref.actor.clip_ratio_high=%g" % a.clip_high,
        "actor_rollout_ref.actor.loss_agg_mode=token-mean",
        "actor_rollout_ref.actor.entropy_coeff=0",
        "actor_rollout_ref.rollout.name=vllm",
        "actor_rollout_ref.rollout.n=%d" % a.group_size,
        "actor_rollout_ref.rollout.temperature=%g" % a.temperature,
        "actor_rollout_ref.rollout.top_p=1.0",
        "actor_rollout_ref.rollout.top_k=-1",
        "custom_reward_function.path=" + os.path.join(HERE, "reward.py"),
        "custom_reward_function.name=compute_score",
        "trainer.logger=[console]",
        "trainer.project_name=looptool",
        "trainer.experiment_name=" + a.experiment,
        "trainer.default_local_dir=" + p["checkpoints"],
        "trainer.resume_mode=auto",
        "trainer.total_epochs=%d" % a.epochs,
        # verl also saves at the last step when save_freq > 0: the merge gets the final weights.
        "trainer.save_freq=50",
        "trainer.test_freq=%d" % (-1 if not a.test else 50),
        "trainer.val_before_train=False",
        "trainer.critic_warmup=0",
        "trainer.nnodes=1",
        "trainer.n_gpus_per_node=%d" % gpus,
    ]
    if a.kl_coef > 0:
        o += ["actor_rollout_ref.actor.use_kl_loss=True",
              "actor_rollout_ref.actor.kl_loss_coef=%g" % a.kl_coef,
              "actor_rollout_ref.actor.kl_loss_type=low_var_kl"]
    else:
        o += ["actor_rollout_ref.actor.use_kl_loss=False"]
    return [python, "-m", "verl.trainer.main_ppo"] + o + list(a.extra)


def merge_command(step_dir, out, python=sys.executable):
    return [python, "-m", "verl.model_merger", "merge", "--backend", "fsdp",
            "--local_dir", os.path.join(step_dir, "actor"), "--target_dir", out]


def last_step_dir(checkpoints):
    """verl's newest checkpoint: global_step_N named in latest_checkpointed_iteration.txt."""
    with open(os.path.join(checkpoints, "latest_checkpointed_iteration.txt")) as f:
        n = int(f.read().strip())
    return os.path.join(checkpoints, "global_step_%d" % n)


def _visible_gpus():
    v = os.environ.get("CUDA_VISIBLE_DEVICES")
    if v:
        return len([d for d in v.split(",") if d.strip()])
    try:
        out = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True, check=True)
        return max(1, len(out.stdout.strip().splitlines()))
    except (OSError, subprocess.CalledProcessError):
        return 1


def _exit_code(rc):
    return 128 - rc if rc < 0 else rc


def main(argv):
    a = recipe.parse_args("LoopTool GRPO with verl", argv)
    p = paths(a)
    os.makedirs(p["work"], exist_ok=True)
    lt = recipe.looptool_command(a.looptool)
    recipe.run(recipe.export_command(lt, a.train, p["train_jsonl"]), a.dry_run)
    if a.test:
        recipe.run(recipe.export_command(lt, a.test, p["test_jsonl"], split="test"), a.dry_run)
    cmd = verl_command(a, p)
    if a.dry_run:
        print("+ " + " ".join(cmd))
        print("+ " + " ".join(merge_command(os.path.join(p["checkpoints"], "global_step_N"), a.out)))
        return 0
    recipe.to_parquet(p["train_jsonl"], p["train_parquet"])
    if a.test:
        recipe.to_parquet(p["test_jsonl"], p["test_parquet"])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            bufsize=1, errors="replace")
    console = progress.VerlConsole()
    console.filter(proc.stdout, sys.stdout, sys.stderr)
    rc = proc.wait()
    if rc != 0:
        return _exit_code(rc)
    step_dir = last_step_dir(p["checkpoints"])
    rc = subprocess.run(merge_command(step_dir, a.out), stdout=sys.stderr).returncode
    if rc != 0:
        return _exit_code(rc)
    if os.environ.get("LOOPTOOL_KEEP_VERL_CHECKPOINTS") != "1":
        shutil.rmtree(p["checkpoints"], ignore_errors=True)
    shutil.rmtree(p["work"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
