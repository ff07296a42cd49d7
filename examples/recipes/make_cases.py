"""Writes toolmatch_cases.jsonl, the table both ToolMatch implementations are tested against.

Run from anywhere: python3 examples/recipes/make_cases.py. The table is committed; this script
says how it was made. Hand-written cases come first, then systematic variants: every value pair
of VALUE_PAIRS inside every presentation of PRESENTATIONS.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "toolmatch_cases.jsonl")

cases = []


def case(cid, output, ground_truth, expected, rule):
    cases.append(
        {"id": cid, "output": output, "ground_truth": ground_truth, "expected": expected,
         "rule": rule})


def dumps(o):
    # The authors' converter: json.dumps defaults (", " and ": ", non-ASCII escaped).
    return json.dumps(o)


def block(name, args, raw_args=None):
    a = raw_args if raw_args is not None else dumps(args)
    return '<tool_call>\n{"name": ' + dumps(name) + ', "arguments": ' + a + "}\n</tool_call>"


def raw_block(name, raw_args):
    return '<tool_call>\n{"name": "' + name + '", "arguments": ' + raw_args + "}\n</tool_call>"


def blocks(*bs):
    return "\n".join(bs)


W = block("get_weather", {"city": "Paris"})
W_ROME = block("get_weather", {"city": "Rome"})
T = block("get_time", {"tz": "UTC"})

# ---------------------------------------------------------------- identical calls, formatting
case("same-call", W, W, True, "identical calls match")
case("name-differs", block("get_forecast", {"city": "Paris"}), W, False,
     "names must be equal")
case("name-case", block("Get_Weather", {"city": "Paris"}), W, False,
     "names compare exactly, case included")
case("name-space", block("get_weather ", {"city": "Paris"}), W, False,
     "names compare exactly, a trailing space included")
case("args-differ", W_ROME, W, False, "argument values must be equal")
case("compact-json", '<tool_call>{"name":"get_weather","arguments":{"city":"Paris"}}</tool_call>',
     W, True, "JSON spacing and block newlines do not matter")
case("pretty-json",
     '<tool_call>\n{\n  "name": "get_weather",\n  "arguments": {\n    "city": "Paris"\n  }\n}\n'
     "</tool_call>", W, True, "multi-line JSON inside a block is fine")
case("key-order-call", '<tool_call>\n{"arguments": {"city": "Paris"}, "name": "get_weather"}\n'
     "</tool_call>", W, True, "order of name and arguments in the call object is free")
case("extra-call-keys", '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}, '
     '"id": "call_1", "type": "function"}\n</tool_call>', W, True,
     "keys other than name and arguments in a call object are ignored")
case("tabs-crlf", "<tool_call>\r\n\t" + dumps({"name": "get_weather", "arguments": {"city": "Paris"}})
     + "\r\n</tool_call>", W, True, "the body is stripped; tabs and CRLF are whitespace")
case("unicode-space-around-body", "<tool_call>\u2003" + dumps(
    {"name": "get_weather", "arguments": {"city": "Paris"}}) + "\u3000</tool_call>", W, True,
     "the body is stripped of Unicode spaces (Java String.strip)")
case("nbsp-before-body", "<tool_call>\u00a0" + dumps(
    {"name": "get_weather", "arguments": {"city": "Paris"}}) + "</tool_call>", W, False,
     "a no-break space is not whitespace to Java's strip nor to JSON: the body does not parse")
case("vertical-tab-before-body", "<tool_call>\u000b" + dumps(
    {"name": "get_weather", "arguments": {"city": "Paris"}}) + "</tool_call>", W, True,
     "a vertical tab is stripped by Java's strip")
case("bom-before-body", "<tool_call>\ufeff" + dumps(
    {"name": "get_weather", "arguments": {"city": "Paris"}}) + "</tool_call>", W, False,
     "a byte-order mark before the JSON is not whitespace: the body does not parse")
case("text-around-calls", "Sure, let me check.\n" + W + "\nOne moment.", W, True,
     "text beside the calls is not compared")
case("text-between-calls", W + "\nand also\n" + T, blocks(W, T), True,
     "text between blocks is not compared")
case("label-text-beside-calls", W, "I will look it up.\n" + W, True,
     "a label's text beside its calls is not compared")
case("no-newline-between-blocks", W + T, blocks(W, T), True, "blocks need no separator")

# ---------------------------------------------------------------- think stripping
case("think-before", "<think>\nThe user wants Paris.\n</think>\n\n" + W, W, True,
     "a <think> span is removed before parsing")
case("think-prefix-unopened", "The user wants Paris.\n</think>\n\n" + W, W, True,
     "an unopened prefix ending in </think> is reasoning (templates open <think> in the prompt)")
case("think-hides-call", "<think>maybe " + W_ROME + "</think>" + W, W, True,
     "calls inside a <think> span do not count")
case("think-hides-bad-call", "<think><tool_call>{oops</think>" + W, W, True,
     "a malformed block inside <think> does not count")
case("think-prefix-hides-call", W_ROME + "</think>" + W, W, True,
     "calls in an unopened reasoning prefix do not count")
case("think-unterminated", W + "<think>and " + W_ROME, W, True,
     "everything after an unterminated <think> is reasoning")
case("think-unterminated-hides-all", "<think>" + W, W, False,
     "an unterminated <think> at the start hides the call: no call against a call label")
case("think-unterminated-text-label", "<think>" + W, "Which city do you mean?", True,
     "an output that is only an unterminated thought has no call, so it matches a text label")
case("think-two-spans", "<think>a</think>" + W + "<think>b " + T + "</think>", W, True,
     "every <think> span is removed")
case("think-between-calls", W + "<think>x</think>" + T, blocks(W, T), True,
     "a thought between two calls is removed")
case("think-close-then-open", "pre</think>" + W + "<think>late</think>" + T, blocks(W, T), True,
     "a leading </think> before the first <think> cuts the prefix; later spans are removed")
case("think-in-ground-truth", W, "<think>label reasoning</think>" + W, True,
     "the ground truth is parsed the same way: its thoughts are removed")
case("think-only-close", "</think>", "No tool fits.", True,
     "an output that is only </think> is empty text: matches a text label")
case("think-stray-close-after-span", "<think>a</think>b</think>" + W, W, True,
     "a </think> after a closed span is plain text")
case("think-nested-open", "<think>a<think>b</think>" + W + "</think>", W, True,
     "spans do not nest: the first </think> closes the span, a later </think> is plain text")

# ---------------------------------------------------------------- unparseable outputs
GT_TEXT = "Could you tell me which city?"
bad_outputs = {
    "unclosed-block": ("<tool_call>\n" + dumps({"name": "get_weather", "arguments": {"city": "Paris"}}),
                       "a <tool_call> block that is not closed"),
    "stray-close-after": (W + "\n</tool_call>", "a </tool_call> after the last block"),
    "stray-close-only": ("Done.</tool_call>", "a </tool_call> with no block at all"),
    "nested-open": ("<tool_call><tool_call>" + dumps({"name": "get_weather", "arguments": {"city": "Paris"}})
                    + "</tool_call></tool_call>", "a block inside a block: its body is not JSON"),
    "invalid-json": ('<tool_call>\n{"name": "get_weather", "arguments": {"city": Paris}}\n</tool_call>',
                     "a body that is not valid JSON"),
    "single-quotes": ("<tool_call>\n{'name': 'get_weather', 'arguments': {'city': 'Paris'}}\n</tool_call>",
                      "a Python-literal body (single quotes) is not JSON"),
    "trailing-comma": ('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris",}}\n</tool_call>',
                       "a trailing comma is not JSON"),
    "comment": ('<tool_call>\n{"name": "get_weather", /* c */ "arguments": {"city": "Paris"}}\n</tool_call>',
                "comments are not JSON"),
    "truncated-json": ('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Par\n</tool_call>',
                       "a JSON string broken by a raw newline (control character) and cut short"),
    "empty-body": ("<tool_call></tool_call>", "an empty block"),
    "blank-body": ("<tool_call>\n  \n</tool_call>", "a block holding only whitespace"),
    "array-body": ('<tool_call>\n[{"name": "get_weather", "arguments": {"city": "Paris"}}]\n</tool_call>',
                   "a body that is a JSON array, not an object"),
    "string-body": ('<tool_call>\n"get_weather"\n</tool_call>', "a body that is a JSON string"),
    "number-body": ("<tool_call>\n42\n</tool_call>", "a body that is a number"),
    "null-body": ("<tool_call>\nnull\n</tool_call>", "a body that is null"),
    "no-name": ('<tool_call>\n{"arguments": {"city": "Paris"}}\n</tool_call>', "a call without a name"),
    "empty-name": ('<tool_call>\n{"name": "", "arguments": {"city": "Paris"}}\n</tool_call>',
                   "a call whose name is the empty string"),
    "null-name": ('<tool_call>\n{"name": null, "arguments": {"city": "Paris"}}\n</tool_call>',
                  "a call whose name is null"),
    "number-name": ('<tool_call>\n{"name": 7, "arguments": {"city": "Paris"}}\n</tool_call>',
                    "a call whose name is a number"),
    "object-name": ('<tool_call>\n{"name": {"n": "get_weather"}, "arguments": {}}\n</tool_call>',
                    "a call whose name is an object"),
    "array-args": ('<tool_call>\n{"name": "get_weather", "arguments": ["Paris"]}\n</tool_call>',
                   "arguments that are an array"),
    "number-args": ('<tool_call>\n{"name": "get_weather", "arguments": 1}\n</tool_call>',
                    "arguments that are a number"),
    "bool-args": ('<tool_call>\n{"name": "get_weather", "arguments": true}\n</tool_call>',
                  "arguments that are a boolean"),
    "string-args-invalid": ('<tool_call>\n{"name": "get_weather", "arguments": "{city: Paris}"}\n</tool_call>',
                            "arguments given as a string that is not JSON"),
    "string-args-array": ('<tool_call>\n{"name": "get_weather", "arguments": "[1, 2]"}\n</tool_call>',
                          "arguments given as a string holding an array"),
    "string-args-number": ('<tool_call>\n{"name": "get_weather", "arguments": "3"}\n</tool_call>',
                           "arguments given as a string holding a number"),
    "string-args-empty": ('<tool_call>\n{"name": "get_weather", "arguments": ""}\n</tool_call>',
                          "arguments given as the empty string"),
    "string-args-null": ('<tool_call>\n{"name": "get_weather", "arguments": "null"}\n</tool_call>',
                         "arguments given as the string \"null\""),
    "nan": ('<tool_call>\n{"name": "get_weather", "arguments": {"x": NaN}}\n</tool_call>',
            "NaN is not JSON"),
    "infinity": ('<tool_call>\n{"name": "get_weather", "arguments": {"x": -Infinity}}\n</tool_call>',
                 "-Infinity is not JSON"),
    "leading-zero": ('<tool_call>\n{"name": "get_weather", "arguments": {"x": 01}}\n</tool_call>',
                     "a number with a leading zero is not JSON"),
    "bad-escape": ('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Pa\\xris"}}\n</tool_call>',
                   "an invalid string escape"),
    "second-block-bad": (W + "\n<tool_call>\n{oops}\n</tool_call>",
                         "one bad block makes the whole output unparseable, even beside a good one"),
}
for key, (out, why) in bad_outputs.items():
    case("unparseable-" + key + "-vs-call", out, W, False, "unparseable output scores 0: " + why)
    case("unparseable-" + key + "-vs-text", out, GT_TEXT, False,
         "unparseable output scores 0, even against a text label: " + why)

case("unparseable-ground-truth", W, "<tool_call>\n{oops}\n</tool_call>", False,
     "an unparseable ground truth scores 0 (looptool's import refuses such a record)")
case("unparseable-ground-truth-identical", "<tool_call>\n{oops}\n</tool_call>",
     "<tool_call>\n{oops}\n</tool_call>", False,
     "identical but unparseable output and ground truth still score 0")
case("unparseable-ground-truth-unclosed", "x", "<tool_call>\n{}", False,
     "an unclosed ground-truth block scores 0")

# Parses as Jackson reads it: the first value of a body, what follows ignored.
case("trailing-text-after-json", '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}} '
     "thanks\n</tool_call>", W, True,
     "Java (Jackson's readTree) reads the first JSON value of a body and ignores what follows; "
     "the Python module does the same")
case("trailing-brace-after-json", '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}}'
     "\n</tool_call>", W, True, "an extra closing brace after the call object is ignored (Jackson)")
case("two-objects-in-one-block", "<tool_call>\n" + dumps({"name": "get_weather", "arguments": {"city": "Paris"}})
     + "\n" + dumps({"name": "get_time", "arguments": {"tz": "UTC"}}) + "\n</tool_call>", W, True,
     "two call objects in one block: only the first is read (Jackson)")
case("two-objects-in-one-block-vs-two", "<tool_call>\n" + dumps({"name": "get_weather", "arguments": {"city": "Paris"}})
     + "\n" + dumps({"name": "get_time", "arguments": {"tz": "UTC"}}) + "\n</tool_call>", blocks(W, T), False,
     "two call objects in one block are one call, not two")
case("stray-close-before-open", "</tool_call>" + W, W, True,
     "a </tool_call> before the first <tool_call> is text: the parser looks for a stray close only "
     "after the last block (Java's behaviour)")
case("stray-close-between", W + "</tool_call>" + T, blocks(W, T), True,
     "a </tool_call> between two blocks is text too, for the same reason")
case("open-in-text-after", W + " then <tool_call", W, True,
     "'<tool_call' without '>' is text")
case("duplicate-key-last-wins", '<tool_call>\n{"name": "get_time", "name": "get_weather", '
     '"arguments": {"city": "Rome", "city": "Paris"}}\n</tool_call>', W, True,
     "a repeated key keeps its last value (Jackson and Python's json agree)")

# ---------------------------------------------------------------- no call, text labels
case("text-vs-text", "Which city do you mean?", GT_TEXT, True,
     "a label with no call matches a prediction with no call; the text is not compared")
case("text-vs-different-text", "I cannot help with that.", GT_TEXT, True,
     "text answers are never compared: any call-free answer matches a text label")
case("empty-vs-text", "", GT_TEXT, True, "an empty output has no call: matches a text label")
case("empty-vs-empty", "", "", True, "an empty label and an empty output: no calls on both sides")
case("call-vs-text", W, GT_TEXT, False, "a call against a text label does not match")
case("text-vs-call", "Which city?", W, False, "a text answer against a call label does not match")
case("empty-vs-call", "", W, False, "an empty output against a call label does not match")
case("think-text-vs-text", "<think>no tool fits</think>I can't do that.", GT_TEXT, True,
     "a thought then text is a call-free answer")
case("json-text-not-a-call", dumps({"name": "get_weather", "arguments": {"city": "Paris"}}), W, False,
     "a bare JSON call without <tool_call> tags is text, not a call")
case("json-text-vs-text", dumps({"name": "get_weather", "arguments": {"city": "Paris"}}), GT_TEXT, True,
     "a bare JSON call without tags is text, so it matches a text label")
case("tool-response-text", "<tool_response>\n{}\n</tool_response>", GT_TEXT, True,
     "a <tool_response> block is text to the parser")
case("im-end-in-output", W + "<|im_end|>", W, True, "ChatML markers are text")

# ---------------------------------------------------------------- multisets
A1 = block("f", {"x": 1})
A2 = block("f", {"x": 2})
B = block("g", {})
case("parallel-same-order", blocks(W, T), blocks(W, T), True, "parallel calls in the same order")
case("parallel-swapped", blocks(T, W), blocks(W, T), True, "order of calls is free")
case("parallel-three-rotated", blocks(B, A1, A2), blocks(A1, A2, B), True,
     "any permutation of the calls matches")
case("parallel-missing-one", W, blocks(W, T), False, "a missing call fails")
case("parallel-extra-one", blocks(W, T), W, False, "an extra call fails")
case("duplicate-vs-single", blocks(A1, A1), A1, False, "multiplicity counts: two calls are not one")
case("single-vs-duplicate", A1, blocks(A1, A1), False, "multiplicity counts: one call is not two")
case("duplicate-vs-duplicate", blocks(A1, A1), blocks(A1, A1), True, "equal multisets with repeats")
case("duplicates-differ", blocks(A1, A1, A2), blocks(A1, A2, A2), False,
     "same set, different multiplicities")
case("duplicates-permuted", blocks(A2, A1, A1), blocks(A1, A2, A1), True,
     "repeats in any order")
case("same-name-different-args", blocks(A1, A1), blocks(A1, A2), False,
     "same name twice with other arguments")
case("parallel-same-name-swapped", blocks(W_ROME, W), blocks(W, W_ROME), True,
     "same tool called twice with different arguments, in either order")
case("call-vs-no-call-empty-list", "", blocks(), True,
     "empty output against an empty ground truth")
case("many-calls-one-wrong", blocks(*[block("f", {"i": i}) for i in range(6)]),
     blocks(*[block("f", {"i": i if i != 3 else 30}) for i in range(6)]), False,
     "one wrong call among six fails the whole answer")
case("many-calls-reversed", blocks(*[block("f", {"i": i}) for i in range(6)]),
     blocks(*[block("f", {"i": i}) for i in reversed(range(6))]), True,
     "six calls in reverse order")

# ---------------------------------------------------------------- arguments forms
case("args-missing-vs-empty", '<tool_call>\n{"name": "g"}\n</tool_call>', B, True,
     "a call without arguments has {} as arguments")
case("args-null-vs-empty", '<tool_call>\n{"name": "g", "arguments": null}\n</tool_call>', B, True,
     "null arguments are {}")
case("args-missing-vs-some", '<tool_call>\n{"name": "f"}\n</tool_call>', A1, False,
     "missing arguments are {}, not {\"x\": 1}")
case("args-as-string", '<tool_call>\n{"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}\n'
     "</tool_call>", W, True, "arguments given as a JSON string holding an object")
case("args-as-string-in-ground-truth", W, '<tool_call>\n{"name": "get_weather", "arguments": '
     '"{\\"city\\": \\"Paris\\"}"}\n</tool_call>', True, "the ground truth may give arguments as a string too")
case("args-as-string-padded", '<tool_call>\n{"name": "get_weather", "arguments": " {\\"city\\": \\"Paris\\"} "}\n'
     "</tool_call>", W, True, "whitespace around a JSON-string argument object is fine")
case("args-as-string-trailing", '<tool_call>\n{"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"} x"}\n'
     "</tool_call>", W, True, "text after the object inside an arguments string is ignored (Jackson)")
case("args-as-string-differs", '<tool_call>\n{"name": "get_weather", "arguments": "{\\"city\\": \\"Rome\\"}"}\n'
     "</tool_call>", W, False, "a JSON-string argument object is compared by value")
case("args-as-string-empty-object", '<tool_call>\n{"name": "g", "arguments": "{}"}\n</tool_call>', B, True,
     "\"{}\" as arguments is the empty object")
case("args-string-not-decoded-twice", '<tool_call>\n{"name": "f", "arguments": {"x": "{\\"a\\": 1}"}}\n'
     "</tool_call>", block("f", {"x": {"a": 1}}), False,
     "only the arguments themselves are decoded from a string, never the values inside them")

# ---------------------------------------------------------------- Jackson's limits
# looptool reads JSON with Jackson's default StreamReadConstraints (nesting depth 1000, numbers of
# 1000 digits) and floats as java.math.BigDecimal (exponent and scale within an int).
def deep(k, leaf="1"):
    return "[" * k + leaf + "]" * k


for k, ok in ((998, True), (999, False)):
    v = deep(k)
    case("depth-%d" % (k + 2), raw_block("f", '{"v": ' + v + "}"), raw_block("f", '{"v": ' + v + "}"),
         ok, "a call object nested %d deep %s (Jackson's limit is 1000)" % (k + 2, "parses" if ok else "does not parse"))
case("depth-1000-differs", raw_block("f", '{"v": ' + deep(998, "1") + "}"),
     raw_block("f", '{"v": ' + deep(998, "2") + "}"), False, "a difference 1000 levels deep is found")
case("depth-1000-number-value", raw_block("f", '{"v": ' + deep(998, "1") + "}"),
     raw_block("f", '{"v": ' + deep(998, "1.0") + "}"), True, "numbers by value 1000 levels deep")
case("depth-brackets-in-strings", raw_block("f", '{"v": "' + "[" * 1200 + '"}'),
     raw_block("f", '{"v": "' + "[" * 1200 + '"}'), True, "brackets inside strings are not nesting")
case("depth-in-trailing-text", '<tool_call>\n{"name": "f", "arguments": {"v": 1}} ' + "[" * 1200 + "\n</tool_call>",
     raw_block("f", '{"v": 1}'),
     True, "what follows the call object is not read, however deep")
case("depth-args-string-1001", raw_block("f", json.dumps('{"v": ' + deep(999) + "}")),
     raw_block("f", '{"v": 1}'), False, "an arguments string is read with the same limits")

for label, text, ok in (
    ("int-1000-digits", "1" * 1000, True),
    ("int-1001-digits", "1" * 1001, False),
    ("negative-int-1000-digits", "-" + "1" * 1000, True),
    ("float-1000-digits", "1" * 999 + ".5", True),
    ("float-1001-digits", "1" * 1000 + ".5", False),
    ("zero-fraction-1000-digits", "0." + "1" * 1000, True),
    ("zero-fraction-1001-digits", "0." + "1" * 1001, False),
    ("zero-fraction-exp-1001-digits", "0." + "1" * 999 + "e1", False),
    ("exp-digits-counted", "1" * 998 + "e10", True),
    ("exp-digits-counted-over", "1" * 999 + "e10", False),
    ("exp-int-max", "1e2147483647", True),
    ("exp-over-int", "1e2147483648", False),
    ("exp-many-digits", "1e99999999999", False),
    ("exp-leading-zeros", "1e0000000000000000000001", True),
    ("scale-int-max", "1e-2147483647", True),
    ("scale-over-int", "1e-2147483648", False),
    ("scale-with-fraction-over", "0.5e-2147483647", False),
):
    case("number-" + label, raw_block("f", '{"v": ' + text + "}"), raw_block("f", '{"v": ' + text + "}"),
         ok, "a number like %s... %s as Jackson/BigDecimal read it" % (text[:12], "parses" if ok else "does not parse"))
case("number-1000-digits-equal-by-value", raw_block("f", '{"v": ' + "1" * 998 + ".50}"),
     raw_block("f", '{"v": ' + "1" * 998 + ".5}"), True, "long decimals compare by value")
case("number-huge-exponent-by-value", raw_block("f", '{"v": 10e2147483646}'),
     raw_block("f", '{"v": 1e2147483647}'), True, "extreme exponents compare by value")

# ---------------------------------------------------------------- value equality, systematically
# (prediction value, ground-truth value, equal?, rule) as raw JSON text, so that 1 and 1.0 stay
# distinct in the table.
VALUE_PAIRS = [
    ("1", "1", True, "equal integers"),
    ("1", "1.0", True, "numbers compare by value: 1 equals 1.0"),
    ("1.0", "1.00", True, "1.0 equals 1.00"),
    ("100", "1e2", True, "an exponent is a number like any other: 1e2 equals 100"),
    ("1E2", "1.0e+2", True, "exponent spellings compare by value"),
    ("0", "-0", True, "integer zero and minus zero are equal"),
    ("0.0", "-0.0", True, "0.0 equals -0.0 by value"),
    ("0", "0.0", True, "0 equals 0.0"),
    ("2.5", "2.50", True, "trailing zeros do not matter"),
    ("1", "2", False, "different integers"),
    ("1", "1.0000000000000001", False,
     "numbers compare exactly, not as doubles: 1.0000000000000001 is not 1"),
    ("0.30000000000000004", "0.3", False, "exact decimals: 0.30000000000000004 is not 0.3"),
    ("12345678901234567890", "12345678901234567891", False,
     "large integers compare exactly (no float rounding)"),
    ("12345678901234567890", "12345678901234567890.0", True, "a large integer equals its decimal"),
    ("1e400", "10e399", True, "numbers beyond double range compare exactly"),
    ("-5", "5", False, "sign counts"),
    ("true", "1", False, "booleans never equal numbers: true is not 1"),
    ("false", "0", False, "booleans never equal numbers: false is not 0"),
    ("true", "true", True, "equal booleans"),
    ("true", "false", False, "different booleans"),
    ("true", "\"true\"", False, "a boolean is not the string \"true\""),
    ("1", "\"1\"", False, "a number is not a string: 1 is not \"1\""),
    ("1.5", "\"1.5\"", False, "a number is not its string"),
    ("null", "null", True, "null equals null"),
    ("null", "\"null\"", False, "null is not the string \"null\""),
    ("null", "0", False, "null is not 0"),
    ("null", "false", False, "null is not false"),
    ("null", "\"\"", False, "null is not the empty string"),
    ("null", "[]", False, "null is not the empty list"),
    ("\"Paris\"", "\"paris\"", False, "strings compare exactly: case counts"),
    ("\"Paris \"", "\"Paris\"", False, "strings compare exactly: whitespace counts"),
    ("\"caf\\u00e9\"", "\"caf\u00e9\"", True, "a \\u escape equals the character it escapes"),
    ("\"\\ud83d\\ude00\"", "\"\U0001F600\"", True, "a surrogate-pair escape equals the emoji"),
    ("\"a\\/b\"", "\"a/b\"", True, "\\/ is /"),
    ("\"line\\nbreak\"", "\"line\\u000abreak\"", True, "escapes of the same character are equal"),
    ("\"\"", "\"\"", True, "empty strings"),
    ("\"2024-01-05\"", "\"2024-1-5\"", False, "no normalisation of strings: dates compare as text"),
    ("[1, 2, 3]", "[1, 2, 3]", True, "equal lists"),
    ("[1, 2, 3]", "[3, 2, 1]", False, "list order counts"),
    ("[1, 2]", "[1, 2, 2]", False, "list length counts"),
    ("[1, [2, 3]]", "[1.0, [2, 3.0]]", True, "nested lists compare element by element, numbers by value"),
    ("[]", "{}", False, "an empty list is not an empty object"),
    ("[]", "[]", True, "empty lists"),
    ("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 1}", True, "object key order is ignored"),
    ("{\"a\": 1}", "{\"a\": 1, \"b\": 2}", False, "a missing key fails"),
    ("{\"a\": 1, \"b\": null}", "{\"a\": 1}", False, "a key with null is not a missing key"),
    ("{\"a\": {\"b\": [1, {\"c\": true}]}}", "{\"a\": {\"b\": [1.0, {\"c\": true}]}}", True,
     "deeply nested values compare recursively"),
    ("{\"a\": {\"b\": [1, {\"c\": true}]}}", "{\"a\": {\"b\": [1, {\"c\": 1}]}}", False,
     "a boolean deep inside is still not a number"),
    ("[{\"id\": 1}, {\"id\": 2}]", "[{\"id\": 2}, {\"id\": 1}]", False,
     "lists of objects keep their order (only calls form a multiset)"),
    ("{\"A\": 1}", "{\"a\": 1}", False, "object keys compare exactly"),
]

PRESENTATIONS = [
    ("plain", "the value as an argument"),
    ("nested", "the value nested inside an object inside a list"),
    ("parallel", "the value in one of two parallel calls given in swapped order, after a thought"),
    ("string-args", "the prediction's arguments given as a JSON string"),
    ("siblings", "the value beside other arguments given in another key order"),
]


def present(kind, pv, gv):
    if kind == "plain":
        return raw_block("f", '{"v": ' + pv + "}"), raw_block("f", '{"v": ' + gv + "}")
    if kind == "nested":
        return (raw_block("f", '{"outer": {"list": ["x", ' + pv + "]}}"),
                raw_block("f", '{"outer": {"list": ["x", ' + gv + "]}}"))
    if kind == "parallel":
        other = block("g", {"k": "w"})
        return ("<think>two calls</think>\n" + other + "\n" + raw_block("f", '{"v": ' + pv + "}"),
                raw_block("f", '{"v": ' + gv + "}") + "\n" + other)
    if kind == "string-args":
        return (raw_block("f", dumps('{"v": ' + pv + "}")), raw_block("f", '{"v": ' + gv + "}"))
    if kind == "siblings":
        return (raw_block("f", '{"n": 3, "v": ' + pv + ', "s": "x"}'),
                raw_block("f", '{"s": "x", "v": ' + gv + ', "n": 3.0}'))
    raise ValueError(kind)


for i, (pv, gv, eq, why) in enumerate(VALUE_PAIRS):
    for kind, where in PRESENTATIONS:
        out, gt = present(kind, pv, gv)
        case("value-%02d-%s" % (i, kind), out, gt, eq, why + "; " + where)

ids = [c["id"] for c in cases]
assert len(ids) == len(set(ids)), "duplicate case id"
with open(OUT, "w", encoding="utf-8") as f:
    for c in cases:
        f.write(json.dumps(c) + "\n")  # ASCII: invisible spaces stay visible
print("wrote %d cases to %s" % (len(cases), OUT))
