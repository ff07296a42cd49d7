"""Harness for `looptool bfcl bench --python-checker DIR`.

Runs the official gorilla AST checker found under DIR (bfcl_eval/eval_checker/ast_eval/...) on the
cases looptool exported, writes one verdict per case and the measured checks/second. DIR must also
provide bfcl_eval.constants.model_config.MODEL_CONFIG_MAPPING with the two model names used here
("looptool-plain" without and "looptool-u2d" with underscore_to_dot).
Usage: python3 official_bench.py DIR CASES.jsonl VERDICTS.jsonl [SECONDS]
"""
import json
import sys
import time

sys.path.insert(0, sys.argv[1])

from bfcl_eval.constants.enums import Language  # noqa: E402
from bfcl_eval.eval_checker.ast_eval.ast_checker import ast_checker  # noqa: E402

LANGUAGES = {"Python": Language.PYTHON, "Java": Language.JAVA, "JavaScript": Language.JAVASCRIPT}


def load(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            c["lang"] = LANGUAGES[c["language"]]
            c["model"] = "looptool-u2d" if c["underscore_to_dot"] else "looptool-plain"
            cases.append(c)
    return cases


def check(c):
    if c.get("decode") == "failed":
        return {"valid": False, "error_type": "ast_decoder:decoder_failed"}
    if c.get("decode") == "wrong_output_format":
        return {"valid": False, "error_type": "ast_decoder:decoder_wrong_output_format"}
    try:
        return ast_checker(c["function"], c["model_output"], c["ground_truth"], c["lang"], c["test_category"], c["model"])
    except Exception as e:  # the official runner would stop here; report it as a verdict
        return {"valid": False, "error_type": "python_exception:" + type(e).__name__}


def rate(cases, seconds):
    """Checks per second of this process's CPU time and of wall-clock time."""
    for c in cases:
        check(c)
    n = 0
    cpu_start = time.process_time()
    wall_start = time.perf_counter()
    while True:
        for c in cases:
            check(c)
        n += len(cases)
        cpu = time.process_time() - cpu_start
        if cpu >= seconds:
            return n / cpu, n / (time.perf_counter() - wall_start)


def main():
    cases = load(sys.argv[2])
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        for c in cases:
            r = check(c)
            out.write(json.dumps({"id": c["id"], "valid": bool(r["valid"]), "error_type": None if r["valid"] else r.get("error_type")}) + "\n")
        answers = [c for c in cases if c["answer"]]
        cases = [c for c in cases if c["timed"]]
        seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
        answers_cpu, answers_wall = rate(answers, seconds)
        all_cpu, all_wall = rate(cases, seconds)
        out.write(json.dumps({"answers_cpu": answers_cpu, "answers_wall": answers_wall, "all_cpu": all_cpu, "all_wall": all_wall}) + "\n")


if __name__ == "__main__":
    main()
