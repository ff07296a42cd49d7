#!/usr/bin/env bash
# looptool's external trainer command for TRL (policy.backend: external). Arguments as in
# docs/recipes.md, e.g.
#   bash examples/recipes/trl/train.sh --train {train_file} --init {init_checkpoint} \
#     --out {output_dir} --iteration {iteration} --seed {seed} --base-model Qwen/Qwen3-8B
# Needs trl, vllm and datasets in the python3 this finds ($PYTHON to choose one). One process per
# GPU through accelerate when LOOPTOOL_TRL_PROCESSES > 1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${LOOPTOOL_TRL_PROCESSES:-1}"
if [[ "$n" -gt 1 ]]; then
  exec "${PYTHON:-python3}" -m accelerate.commands.launch --num_processes "$n" \
    "$here/train_grpo.py" "$@"
fi
exec "${PYTHON:-python3}" "$here/train_grpo.py" "$@"
