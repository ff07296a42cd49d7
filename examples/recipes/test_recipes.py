"""The recipes' standard-library parts: progress lines, verl's console filter, option handling,
the verl command line and the reward module as verl loads it. verl and TRL themselves are not
installed here; nothing of them runs in these tests.
"""

import importlib.util
import io
import json
import os
import sys
import unittest

from looptool_reward import progress, recipe

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "verl"))
import launch  # noqa: E402  (examples/recipes/verl/launch.py)

# Lines as verl 0.7's console logger and trainer print them (written by hand from its format).
VERL_OUTPUT = """\
(TaskRunner pid=2211) Total training steps: 286
(TaskRunner pid=2211) step:1 - actor/pg_loss:-0.0123 - actor/pg_clipfrac:0.0 - critic/score/mean:0.3125 - critic/rewards/mean:0.3125 - perf/throughput:1834.2 - training/epoch:0
step:2 - actor/pg_loss:np.float64(0.0042) - critic/score/mean:np.float64(0.5) - perf/throughput:np.float64(1900.0)
step:3 - critic/rewards/mean:0.75 - actor/pg_loss:nan
INFO 01-02 12:00:00 [loader.py:447] Loading weights took 3.21 seconds
step: not a number
{"step": 99, "note": "a JSON line from the trainer's own code must not pass through"}
"""


class ProgressTest(unittest.TestCase):
    def test_line_is_what_external_trainer_reads(self):
        o = json.loads(progress.line(5, 100, 0.5, 0.25, 1000.0))
        self.assertEqual({"phase": "grpo", "step": 5, "total_steps": 100, "loss": 0.5,
                          "mean_reward": 0.25, "tokens_per_second": 1000.0}, o)
        self.assertNotIn("checkpoint", o)

    def test_line_leaves_out_missing_and_non_finite_numbers(self):
        o = json.loads(progress.line(1, loss=float("nan"), mean_reward=None))
        self.assertEqual({"phase": "grpo", "step": 1}, o)

    def test_verl_console_lines(self):
        out, log = io.StringIO(), io.StringIO()
        progress.VerlConsole().filter(io.StringIO(VERL_OUTPUT), out, log)
        lines = [json.loads(l) for l in out.getvalue().splitlines()]
        self.assertEqual([
            {"phase": "grpo", "step": 1, "total_steps": 286, "loss": -0.0123, "mean_reward": 0.3125,
             "tokens_per_second": 1834.2},
            {"phase": "grpo", "step": 2, "total_steps": 286, "loss": 0.0042, "mean_reward": 0.5,
             "tokens_per_second": 1900.0},
            {"phase": "grpo", "step": 3, "total_steps": 286, "mean_reward": 0.75},
        ], lines)
        self.assertEqual(VERL_OUTPUT, log.getvalue())

    def test_metrics_of_other_lines_is_none(self):
        c = progress.VerlConsole()
        self.assertIsNone(c.metrics("stepping through"))
        self.assertIsNone(c.metrics("step: not a number"))
        self.assertEqual({"step": 4.0, "a/b": 1.5}, c.metrics("step:4 - a/b:1.5 - note:text"))


class OptionsTest(unittest.TestCase):
    ARGS = ["--train", "/d/train.jsonl", "--out", "/o", "--iteration", "3", "--seed", "9"]

    def test_unfilled_placeholders_and_empty_values_are_not_given(self):
        a = recipe.parse_args("t", self.ARGS + ["--init", "", "--test", "{test_file}",
                                                "--run-id", "{run_id}", "--base-model", "{base_model}"],
                              environ={"LOOPTOOL_BASE_MODEL": "Qwen/Qwen3-8B"})
        self.assertIsNone(a.init)
        self.assertIsNone(a.test)
        self.assertEqual("Qwen/Qwen3-8B", a.model)
        self.assertEqual("looptool-iter03", a.experiment)

    def test_init_checkpoint_wins_over_base_model(self):
        a = recipe.parse_args("t", self.ARGS + ["--init", "/ck/iter-02", "--base-model", "B",
                                                "--run-id", "r1"], environ={})
        self.assertEqual("/ck/iter-02", a.model)
        self.assertEqual("r1-iter03", a.experiment)

    def test_no_model_at_all_is_refused(self):
        with self.assertRaises(SystemExit):
            recipe.parse_args("t", self.ARGS + ["--init", "{init_checkpoint}"], environ={})

    def test_batch_must_split_into_mini_batches(self):
        with self.assertRaises(SystemExit):
            recipe.parse_args("t", self.ARGS + ["--base-model", "m", "--batch-size", "100"],
                              environ={})

    def test_export_command(self):
        self.assertEqual(["lt", "data", "export", "--format", "verl", "--set", "split=test",
                          "--in", "a.jsonl", "--out", "b.jsonl"],
                         recipe.export_command(["lt"], "a.jsonl", "b.jsonl", split="test"))
        self.assertEqual(["/x/looptool"], recipe.looptool_command(None, {"LOOPTOOL": "/x/looptool"}))


class VerlCommandTest(unittest.TestCase):
    def command(self, *extra):
        a = recipe.parse_args("t", ["--train", "t.jsonl", "--out", "/o", "--base-model", "M",
                                    "--gpus", "8"] + list(extra), environ={})
        cmd = launch.verl_command(a, launch.paths(a), python="python3")
        self.assertEqual(["python3", "-m", "verl.trainer.main_ppo"], cmd[:3])
        return dict(o.split("=", 1) for o in cmd[3:] if "=" in o), cmd

    def test_grpo_settings_of_the_paper(self):
        o, _ = self.command()
        self.assertEqual("grpo", o["algorithm.adv_estimator"])
        self.assertEqual("16", o["actor_rollout_ref.rollout.n"])
        self.assertEqual("1", o["actor_rollout_ref.rollout.temperature"])
        self.assertEqual("0.2", o["actor_rollout_ref.actor.clip_ratio_low"])
        self.assertEqual("0.28", o["actor_rollout_ref.actor.clip_ratio_high"])
        self.assertEqual("False", o["actor_rollout_ref.actor.use_kl_loss"])
        self.assertEqual("False", o["algorithm.use_kl_in_reward"])
        self.assertEqual("128", o["data.train_batch_size"])
        self.assertEqual("1e-06", o["actor_rollout_ref.actor.optim.lr"])
        self.assertEqual("2", o["trainer.total_epochs"])
        self.assertEqual("M", o["actor_rollout_ref.model.path"])
        self.assertEqual(os.path.join(HERE, "verl", "reward.py"), o["custom_reward_function.path"])
        self.assertEqual("compute_score", o["custom_reward_function.name"])
        self.assertEqual("/o/verl-checkpoints", o["trainer.default_local_dir"])
        self.assertEqual("-1", o["trainer.test_freq"])

    def test_options_and_extras_reach_verl(self):
        o, cmd = self.command("--group-size", "8", "--kl-coef", "0.001", "--test", "h.jsonl",
                              "--", "trainer.nnodes=2")
        self.assertEqual("8", o["actor_rollout_ref.rollout.n"])
        self.assertEqual("True", o["actor_rollout_ref.actor.use_kl_loss"])
        self.assertEqual("0.001", o["actor_rollout_ref.actor.kl_loss_coef"])
        self.assertEqual("/o/verl-data/test.parquet", o["data.val_files"])
        self.assertEqual("trainer.nnodes=2", cmd[-1])  # last wins in Hydra

    def test_merge_of_the_newest_checkpoint(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "latest_checkpointed_iteration.txt"), "w") as f:
                f.write("286\n")
            step = launch.last_step_dir(d)
        self.assertEqual(os.path.join(d, "global_step_286"), step)
        self.assertEqual(["py", "-m", "verl.model_merger", "merge", "--backend", "fsdp",
                          "--local_dir", os.path.join(step, "actor"), "--target_dir", "/o"],
                         launch.merge_command(step, "/o", python="py"))


class VerlRewardTest(unittest.TestCase):
    def test_compute_score_loaded_by_path_as_verl_does(self):
        spec = importlib.util.spec_from_file_location("custom_module", os.path.join(HERE, "verl", "reward.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        gt = '<tool_call>\n{"name": "f", "arguments": {"x": 1}}\n</tool_call>'
        out = '<think>ok</think><tool_call>{"arguments": {"x": 1.0}, "name": "f"}</tool_call>'
        self.assertEqual(1.0, module.compute_score(data_source="looptool", solution_str=out,
                                                   ground_truth=gt, extra_info={"index": 0}))
        self.assertEqual(0.0, module.compute_score("looptool", "no call", gt))


if __name__ == "__main__":
    unittest.main()


sys.path.insert(0, os.path.join(HERE, "trl"))
import train_grpo  # noqa: E402  (examples/recipes/trl/train_grpo.py; imports TRL only in main)


class TrlTest(unittest.TestCase):
    def options(self, *extra):
        return recipe.parse_args("t", ["--train", "t.jsonl", "--out", "/o", "--base-model", "M"]
                                 + list(extra), environ={})

    def test_config_maps_the_grpo_settings(self):
        c = train_grpo.config_kwargs(self.options(), world_size=1)
        self.assertEqual(16, c["num_generations"])
        self.assertEqual(1.0, c["temperature"])
        self.assertEqual(0.2, c["epsilon"])
        self.assertEqual(0.28, c["epsilon_high"])
        self.assertEqual(0.0, c["beta"])
        self.assertEqual(1e-6, c["learning_rate"])
        self.assertEqual(2, c["num_train_epochs"])
        # One generation batch is 128 prompts x 16; one update every 32 prompts x 16.
        per_update = c["per_device_train_batch_size"] * c["gradient_accumulation_steps"]
        self.assertEqual(32 * 16, per_update)
        self.assertEqual(128 * 16, c["per_device_train_batch_size"] * c["steps_per_generation"])

    def test_config_splits_over_processes(self):
        c = train_grpo.config_kwargs(self.options(), world_size=8)
        self.assertEqual(32 * 16, 8 * c["per_device_train_batch_size"] * c["gradient_accumulation_steps"])
        self.assertEqual(128 * 16, 8 * c["per_device_train_batch_size"] * c["steps_per_generation"])
        with self.assertRaises(SystemExit):
            train_grpo.config_kwargs(self.options(), world_size=3)

    def test_rows_from_the_verl_export(self):
        import tempfile
        row = {"data_source": "looptool", "prompt": [{"role": "system", "content": "S"},
                                                     {"role": "user", "content": "U"}],
               "ability": "tool_calling", "reward_model": {"style": "rule", "ground_truth": "G"},
               "extra_info": {"index": 0}}
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write(json.dumps(row) + "\n\n")
        try:
            self.assertEqual([{"prompt": row["prompt"], "ground_truth": "G"}], train_grpo.rows(f.name))
        finally:
            os.unlink(f.name)

    def test_reward_scores_the_decoded_ids(self):
        gt = '<tool_call>\n{"name": "f", "arguments": {}}\n</tool_call>'
        decoded = {(1,): '<tool_call>{"name": "f"}</tool_call>', (2,): "text"}

        class Tokenizer:  # what batch_decode of the completion ids gives
            def batch_decode(self, ids, skip_special_tokens):
                assert skip_special_tokens
                return [decoded[tuple(i)] for i in ids]

        reward = train_grpo.make_reward(Tokenizer())
        self.assertEqual([1.0, 0.0], reward(prompts=[None, None], completions=[None, None],
                                            completion_ids=[[1], [2]], ground_truth=[gt, gt]))

    def test_progress_callback_writes_one_line_per_training_log(self):
        class Base:
            pass

        class State:
            is_world_process_zero = True
            global_step = 7
            max_steps = 70

        out = io.StringIO()
        cb = train_grpo.progress_callback(Base, out)
        cb.on_log(None, State(), None, logs={"loss": 0.1, "reward": 0.5})
        cb.on_log(None, State(), None, logs={"train_runtime": 3.0})
        self.assertEqual([{"phase": "grpo", "step": 7, "total_steps": 70, "loss": 0.1,
                           "mean_reward": 0.5}], [json.loads(l) for l in out.getvalue().splitlines()])
