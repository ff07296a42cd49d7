#!/usr/bin/env bash
# looptool's external trainer command for verl (policy.backend: external). Arguments as in
# docs/recipes.md, e.g.
#   bash examples/recipes/verl/train.sh --train {train_file} --init {init_checkpoint} \
#     --out {output_dir} --iteration {iteration} --seed {seed} --base-model Qwen/Qwen3-8B
# Needs verl (with vLLM) and pandas/pyarrow in the python3 this finds ($PYTHON to choose one).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "${PYTHON:-python3}" "$here/launch.py" "$@"
