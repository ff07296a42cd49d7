"""What both trainer recipes share: their command-line options, filled in from looptool's
external-trainer placeholders, and the data step (looptool's verl export).

Options whose value is a placeholder looptool did not fill in (``{test_file}`` on a looptool that
has no such placeholder) count as not given, and so does an empty value (``{init_checkpoint}`` is
empty in iteration 1: training then starts from ``--base-model``).
"""

import argparse
import os
import re
import shutil
import subprocess

__all__ = ["GRPO_DEFAULTS", "parse_args", "export_command", "looptool_command", "to_parquet"]

# LOOPTOOL.md's paper settings: batch 128, lr 1e-6, group size 16, temperature 1.0, clip
# 0.2/0.28, no KL, 2 epochs per iteration.
GRPO_DEFAULTS = {
    "batch_size": 128,
    "lr": 1e-6,
    "group_size": 16,
    "temperature": 1.0,
    "clip_low": 0.2,
    "clip_high": 0.28,
    "kl_coef": 0.0,
    "epochs": 2,
}

_PLACEHOLDER = re.compile(r"^\{[a-z_]+\}$")
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def _given(value):
    if value is None or value == "" or _PLACEHOLDER.match(value):
        return None
    return value


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--train", required=True, help="D_j as looptool samples ({train_file})")
    p.add_argument("--init", default=None, help="checkpoint to start from ({init_checkpoint})")
    p.add_argument("--out", required=True, help="where the Hugging Face model goes ({output_dir})")
    p.add_argument("--iteration", type=int, default=1, help="{iteration}")
    p.add_argument("--seed", type=int, default=1, help="{seed}")
    p.add_argument("--base-model", default=None,
                   help="model for an empty --init ({base_model}; else $LOOPTOOL_BASE_MODEL)")
    p.add_argument("--test", default=None, help="held-out samples for validation ({test_file})")
    p.add_argument("--run-id", default=None, help="{run_id}, names the experiment")
    p.add_argument("--batch-size", type=int, default=GRPO_DEFAULTS["batch_size"],
                   help="prompts per GRPO step")
    p.add_argument("--mini-batch-size", type=int, default=32,
                   help="prompts per optimizer update (not from the paper: 4 updates per batch)")
    p.add_argument("--micro-batch-per-gpu", type=int, default=4,
                   help="sequences per forward pass on one GPU (memory, not the algorithm)")
    p.add_argument("--lr", type=float, default=GRPO_DEFAULTS["lr"])
    p.add_argument("--group-size", type=int, default=GRPO_DEFAULTS["group_size"],
                   help="samples per prompt (G)")
    p.add_argument("--temperature", type=float, default=GRPO_DEFAULTS["temperature"])
    p.add_argument("--clip-low", type=float, default=GRPO_DEFAULTS["clip_low"])
    p.add_argument("--clip-high", type=float, default=GRPO_DEFAULTS["clip_high"])
    p.add_argument("--kl-coef", type=float, default=GRPO_DEFAULTS["kl_coef"])
    p.add_argument("--epochs", type=int, default=GRPO_DEFAULTS["epochs"])
    p.add_argument("--max-prompt-length", type=int, default=4096)
    p.add_argument("--max-response-length", type=int, default=1024)
    p.add_argument("--gpus", type=int, default=None, help="GPUs on this node (default: all visible)")
    p.add_argument("--looptool", default=None,
                   help="the looptool command (default: $LOOPTOOL, else looptool on PATH, "
                        "else this checkout's ./looptool)")
    p.add_argument("--dry-run", action="store_true",
                   help="print the commands instead of running them")
    p.add_argument("extra", nargs="*", help="passed on to the trainer (after --)")
    return p


def parse_args(description, argv, environ=None):
    env = os.environ if environ is None else environ
    a = parser(description).parse_args(argv)
    a.init = _given(a.init)
    a.test = _given(a.test)
    a.run_id = _given(a.run_id)
    a.base_model = _given(a.base_model) or _given(env.get("LOOPTOOL_BASE_MODEL"))
    a.model = a.init or a.base_model
    if a.model is None:
        raise SystemExit("no model to start from: --init is empty and neither --base-model nor "
                         "LOOPTOOL_BASE_MODEL is set")
    if a.batch_size % a.mini_batch_size:
        raise SystemExit("--batch-size must be a multiple of --mini-batch-size")
    a.experiment = a.run_id or "looptool"
    a.experiment += "-iter%02d" % a.iteration
    return a


def looptool_command(given=None, environ=None):
    env = os.environ if environ is None else environ
    if given:
        return [given]
    if env.get("LOOPTOOL"):
        return [env["LOOPTOOL"]]
    found = shutil.which("looptool")
    if found:
        return [found]
    return [os.path.join(REPO, "looptool")]


def export_command(looptool, samples, out_jsonl, split="train"):
    """looptool's verl export: prompt [system, user], reward_model.ground_truth, extra_info."""
    return looptool + ["data", "export", "--format", "verl", "--set", "split=" + split,
                       "--in", samples, "--out", out_jsonl]


def to_parquet(jsonl, parquet):
    """The authors' json2parquet step (pandas and pyarrow come with verl and TRL)."""
    import json

    import pandas as pd  # trainer-side dependency, not needed for the tests

    # Records through json, not pd.read_json, which would coerce values it thinks are dates.
    with open(jsonl, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    pd.DataFrame(rows).to_parquet(parquet)


def run(cmd, dry_run=False):
    if dry_run:
        print("+ " + " ".join(cmd), flush=True)
        return
    subprocess.run(cmd, check=True)
