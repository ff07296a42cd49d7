"""One LoopTool train step with TRL's GRPOTrainer: looptool samples in, a Hugging Face model out.

The data are looptool's verl export (the authors' rows): ``prompt`` is TRL's conversational
prompt (system: instructions and tools, user: the conversation so far), ``ground_truth`` the
authors' ``output`` string. The reward decodes each completion's token ids itself
(``skip_special_tokens=True``, as verl does) and scores them with ToolMatch, so that TRL's
response parsing (transformers 5 turns tool calls into messages) cannot change what is scored.
Progress goes to stdout as looptool's JSON lines; TRL's own output to stderr.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

from looptool_reward import progress, recipe, toolmatch  # noqa: E402


def rows(verl_jsonl):
    """TRL rows from looptool's verl export: {prompt, ground_truth}."""
    out = []
    with open(verl_jsonl, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                out.append({"prompt": r["prompt"], "ground_truth": r["reward_model"]["ground_truth"]})
    return out


def config_kwargs(a, world_size):
    """GRPOConfig arguments for the options: G completions per prompt, a generation batch of
    --batch-size prompts, one optimizer update per --mini-batch-size prompts."""
    g = a.group_size
    if a.mini_batch_size % world_size:
        raise SystemExit("--mini-batch-size must be a multiple of the number of processes")
    per_device = a.micro_batch_per_gpu
    completions_per_update_per_device = a.mini_batch_size // world_size * g
    if completions_per_update_per_device % per_device:
        raise SystemExit("--micro-batch-per-gpu must divide the completions per update per GPU (%d)"
                         % completions_per_update_per_device)
    return {
        "output_dir": os.path.join(a.out, "trl-checkpoints"),
        "run_name": a.experiment,
        "seed": a.seed,
        "learning_rate": a.lr,
        "num_train_epochs": a.epochs,
        "num_generations": g,
        "temperature": a.temperature,
        "top_p": 1.0,
        "epsilon": a.clip_low,
        "epsilon_high": a.clip_high,
        "beta": a.kl_coef,
        "loss_type": "dapo",  # token-level mean, as verl's token-mean
        "per_device_train_batch_size": per_device,
        "gradient_accumulation_steps": completions_per_update_per_device // per_device,
        "steps_per_generation": (a.batch_size // a.mini_batch_size)
        * (completions_per_update_per_device // per_device),
        "max_completion_length": a.max_response_length,
        "use_vllm": True,
        "vllm_mode": "colocate",
        "bf16": True,
        "gradient_checkpointing": True,
        "logging_steps": 1,
        "save_strategy": "steps",
        "save_steps": 50,
        "save_only_model": False,
        "report_to": "none",
        "eval_strategy": "no",
    }


def make_reward(tokenizer):
    def toolmatch_reward(prompts=None, completions=None, completion_ids=None, ground_truth=None,
                         **kwargs):
        texts = tokenizer.batch_decode(completion_ids, skip_special_tokens=True)
        return [toolmatch.reward(t, gt) for t, gt in zip(texts, ground_truth)]

    return toolmatch_reward


def progress_callback(base, out):
    class LoopToolProgress(base):
        """Writes looptool's progress line to out for each of TRL's training log events."""

        def on_log(self, args, state, control, logs=None, **kwargs):
            if state.is_world_process_zero and logs and "loss" in logs:
                out.write(progress.line(state.global_step, state.max_steps, logs.get("loss"),
                                        logs.get("reward")) + "\n")
                out.flush()

    return LoopToolProgress()


def main(argv):
    a = recipe.parse_args("LoopTool GRPO with TRL", argv)
    work = os.path.join(a.out, "trl-data")
    os.makedirs(work, exist_ok=True)
    train_jsonl = os.path.join(work, "train.jsonl")
    cmd = recipe.export_command(recipe.looptool_command(a.looptool), a.train, train_jsonl)
    if a.dry_run:
        print("+ " + " ".join(cmd))
        print("GRPOConfig(**%r)" % config_kwargs(a, int(os.environ.get("WORLD_SIZE", "1"))))
        return 0
    # stdout carries progress lines only; everything else, child processes' output included, goes
    # to stderr (looptool's log of the job).
    sys.stdout.flush()
    progress_out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    recipe.run(cmd)

    from datasets import Dataset
    from transformers import AutoTokenizer, TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    tokenizer = AutoTokenizer.from_pretrained(a.model)
    config = GRPOConfig(**config_kwargs(a, int(os.environ.get("WORLD_SIZE", "1"))))
    trainer = GRPOTrainer(
        model=a.model,
        reward_funcs=make_reward(tokenizer),
        args=config,
        train_dataset=Dataset.from_list(rows(train_jsonl)),
        processing_class=tokenizer,
    )
    trainer.add_callback(progress_callback(TrainerCallback, progress_out))
    # A retried attempt with the same output directory continues from TRL's last checkpoint.
    ckpts = config.output_dir
    resume = os.path.isdir(ckpts) and any(d.startswith("checkpoint-") for d in os.listdir(ckpts))
    trainer.train(resume_from_checkpoint=True if resume else None)
    trainer.save_model(a.out)
    if trainer.accelerator.is_main_process:
        tokenizer.save_pretrained(a.out)
        if os.environ.get("LOOPTOOL_KEEP_TRL_CHECKPOINTS") != "1":
            import shutil

            shutil.rmtree(ckpts, ignore_errors=True)
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
