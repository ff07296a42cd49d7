"""Checks the Python ToolMatch against the shared case table (ToolMatchCasesTest checks Java's).

Run: python3 -m unittest discover -s examples/recipes -p 'test_*.py'
"""

import json
import os
import unittest
from decimal import Decimal

from looptool_reward import toolmatch

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "toolmatch_cases.jsonl")


def load_cases():
    with open(TABLE, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class TableTest(unittest.TestCase):
    def test_every_case(self):
        cases = load_cases()
        self.assertGreaterEqual(len(cases), 200)
        wrong = []
        for c in cases:
            got = toolmatch.matches(c["output"], c["ground_truth"])
            if got is not c["expected"]:
                wrong.append("%s: expected %s, got %s (%s)" % (c["id"], c["expected"], got, c["rule"]))
        self.assertEqual([], wrong)

    def test_table_has_both_outcomes_and_unique_ids(self):
        cases = load_cases()
        ids = [c["id"] for c in cases]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertGreater(sum(1 for c in cases if c["expected"]), 50)
        self.assertGreater(sum(1 for c in cases if not c["expected"]), 50)
        for c in cases:
            self.assertTrue(c["rule"].strip(), c["id"])

    def test_reward_is_binary(self):
        c = '<tool_call>\n{"name": "f", "arguments": {"x": 1}}\n</tool_call>'
        self.assertEqual(1.0, toolmatch.reward(c, c))
        self.assertEqual(0.0, toolmatch.reward("<tool_call>", c))


class PartsTest(unittest.TestCase):
    def test_parse_gives_names_and_arguments(self):
        calls = toolmatch.parse(
            'x<tool_call>{"name": "a", "arguments": "{\\"k\\": 1.5}"}</tool_call>'
            '<tool_call>{"name": "b"}</tool_call>')
        self.assertEqual([("a", {"k": Decimal("1.5")}), ("b", {})], calls)

    def test_parse_error_says_why(self):
        with self.assertRaisesRegex(toolmatch.ParseError, "not closed"):
            toolmatch.parse("<tool_call>{}")
        with self.assertRaisesRegex(toolmatch.ParseError, "name"):
            toolmatch.parse('<tool_call>{"arguments": {}}</tool_call>')
        self.assertIsNone(toolmatch.parse_or_none("a</tool_call>"))

    def test_strip_thinking_none_is_empty(self):
        self.assertEqual("", toolmatch.strip_thinking(None))
        self.assertEqual("b", toolmatch.strip_thinking("a</think>b<think>c"))

    def test_same_value_on_python_values(self):
        # Callers may pass values decoded elsewhere (floats, ints, bools).
        self.assertTrue(toolmatch.same_value(1, 1.0))
        self.assertTrue(toolmatch.same_value(0.5, Decimal("0.5")))
        self.assertFalse(toolmatch.same_value(True, 1))
        self.assertFalse(toolmatch.same_value(1, True))
        self.assertFalse(toolmatch.same_value(None, {}))
        self.assertFalse(toolmatch.same_value((1,), [1]))

    def test_calls_match_is_a_multiset_test(self):
        a, b = ("f", {"x": 1}), ("g", {})
        self.assertTrue(toolmatch.calls_match([a, b], [b, a]))
        self.assertFalse(toolmatch.calls_match([a, a], [a, b]))
        self.assertTrue(toolmatch.calls_match([], []))


if __name__ == "__main__":
    unittest.main()
