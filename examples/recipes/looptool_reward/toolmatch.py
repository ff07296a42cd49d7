"""ToolMatch, the LoopTool reward, in the Python standard library.

The same rule as looptool's ``core/match/ToolMatch.java`` with ``core/format/HermesFormat.parse``
on both sides, so a trainer's reward agrees with the loop's mastered test on every output:

* reasoning is removed first: every ``<think>...</think>`` span, an unopened prefix ending in
  ``</think>``, and everything after an unterminated ``<think>``;
* calls are the ``<tool_call>`` blocks; a block that is not closed, a ``</tool_call>`` after the
  last block, a body that is not a JSON object, a call without a non-empty ``name`` string, or
  ``arguments`` that are neither an object, null/absent, nor a string holding a JSON object make
  the output unparseable, which scores 0;
* two call lists match as multisets (order free, multiplicity counts); calls are equal when the
  names are equal and the arguments are equal as JSON: key order ignored, numbers by value
  (1 == 1.0, exactly, no float rounding), booleans never equal numbers, strings exactly, list
  order counts, null only equals null;
* text around the calls is not compared: a label without calls (a text answer) matches any
  parseable output without calls.

JSON is read as Jackson reads it in looptool: text after the first complete value is ignored,
NaN/Infinity are refused, floats are exact decimals. The ground truth is the authors' ``output``
string (what ``looptool data export --format verl`` writes to ``reward_model.ground_truth``); an
unparseable ground truth scores 0 (looptool refuses such a record at import).
"""

import json
import re
import sys
import unicodedata
from decimal import Decimal

__all__ = [
    "ParseError",
    "strip_thinking",
    "parse",
    "parse_or_none",
    "same_value",
    "same_call",
    "calls_match",
    "matches",
    "reward",
]

THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"
CALL_OPEN = "<tool_call>"
CALL_CLOSE = "</tool_call>"


class ParseError(ValueError):
    """An output whose tool calls cannot be read; the message says why."""


def _refuse_constant(name):
    raise ValueError("non-numeric number " + name)


# Jackson's StreamReadConstraints defaults, which looptool keeps: longer numbers and deeper
# documents do not parse.
_MAX_NUMBER_DIGITS = 1000
_MAX_DEPTH = 1000
_INT32 = (-(2**31), 2**31 - 1)
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE][+-]?([0-9]+))?\Z")


def _read_int(text):
    if len(text.lstrip("-")) > _MAX_NUMBER_DIGITS:
        raise ValueError("number too long")
    return int(text)


def _read_float(text):
    # What Jackson and java.math.BigDecimal accept: at most 1000 digits (a lone integer zero before
    # a fraction without exponent not counted, as Jackson counts), an exponent that fits an int,
    # and a scale (fraction digits minus exponent) that fits an int.
    m = _NUMBER.match(text)
    whole, frac, exp = m.group(1), m.group(2) or "", m.group(3)
    digits = (0 if whole == "0" and exp is None else len(whole)) + len(frac) + len(exp or "")
    if digits > _MAX_NUMBER_DIGITS:
        raise ValueError("number too long")
    if exp is not None:
        if len(exp.lstrip("0")) > 10:
            raise ValueError("too many exponent digits")
        e = int(text[text.lower().index("e") + 1:])
        if not _INT32[0] <= e <= _INT32[1] or not _INT32[0] <= len(frac) - e <= _INT32[1]:
            raise ValueError("exponent out of range")
    return Decimal(text)


# Floats as exact decimals (Jackson's BigDecimal), NaN and Infinity refused (Jackson's default).
_DECODER = json.JSONDecoder(
    parse_float=_read_float, parse_int=_read_int, parse_constant=_refuse_constant)

_JSON_SPACE = " \t\n\r"


def _java_space(ch):
    # Java's Character.isWhitespace, which String.strip uses: not the no-break spaces.
    if ch in "\t\n\u000b\f\r\u001c\u001d\u001e\u001f":
        return True
    if ch in "\u00a0\u2007\u202f":
        return False
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def _java_strip(s):
    start, end = 0, len(s)
    while start < end and _java_space(s[start]):
        start += 1
    while end > start and _java_space(s[end - 1]):
        end -= 1
    return s[start:end]


def _read_json(text):
    """The first JSON value in text, or None when there is none; raises ValueError if malformed."""
    i = 0
    while i < len(text) and text[i] in _JSON_SPACE:
        i += 1
    if i == len(text):
        return None  # Jackson reads empty content as a missing node: not an object
    depth = _depth(text, i)
    if depth > _MAX_DEPTH:
        raise ValueError("nesting depth %d exceeds %d" % (depth, _MAX_DEPTH))
    if depth > 100 and sys.getrecursionlimit() < 4 * _MAX_DEPTH:
        sys.setrecursionlimit(4 * _MAX_DEPTH)  # the decoder recurses once per level
    try:
        value, _end = _DECODER.raw_decode(text, i)
    except RecursionError:
        raise ValueError("too deeply nested")
    return value


def _depth(text, i):
    """The deepest nesting of the JSON value starting at text[i], as far as it goes."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text[i:]:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
            if depth <= 0:
                break
        elif depth == 0 and ch not in _JSON_SPACE:
            break  # a scalar root value
    return deepest


def strip_thinking(text):
    """Removes reasoning as HermesFormat.stripThinking does."""
    if text is None:
        return ""
    s = text
    close = s.find(THINK_CLOSE)
    opened = s.find(THINK_OPEN)
    if close >= 0 and (opened < 0 or close < opened):
        # Templates that open <think> in the prompt leave only the closing tag in the output.
        s = s[close + len(THINK_CLOSE):]
    out = []
    pos = 0
    while True:
        o = s.find(THINK_OPEN, pos)
        if o < 0:
            out.append(s[pos:])
            break
        out.append(s[pos:o])
        c = s.find(THINK_CLOSE, o + len(THINK_OPEN))
        if c < 0:
            break  # an unterminated thought: everything after it is reasoning
        pos = c + len(THINK_CLOSE)
    return "".join(out)


def _read_call(body):
    try:
        node = _read_json(body)
    except ValueError as e:
        raise ParseError("tool call is not valid JSON: " + str(e))
    if not isinstance(node, dict):
        raise ParseError("tool call must be a JSON object")
    name = node.get("name")
    if not isinstance(name, str) or name == "":
        raise ParseError('tool call has no "name" string')
    args = node.get("arguments")
    if args is None:
        args = {}
    elif isinstance(args, str):
        # Some models emit arguments as a JSON-encoded string, as the OpenAI API does.
        try:
            inner = _read_json(args)
        except ValueError:
            raise ParseError('tool call "arguments" string is not valid JSON')
        if not isinstance(inner, dict):
            raise ParseError('tool call "arguments" string does not hold a JSON object')
        args = inner
    elif not isinstance(args, dict):
        raise ParseError('tool call "arguments" must be a JSON object')
    return (name, args)


def parse(output):
    """The calls of a model output as a list of (name, arguments); raises ParseError."""
    s = strip_thinking(output)
    calls = []
    pos = 0
    while True:
        o = s.find(CALL_OPEN, pos)
        if o < 0:
            if s.find(CALL_CLOSE, pos) >= 0:
                raise ParseError("</tool_call> without a matching <tool_call>")
            return calls
        c = s.find(CALL_CLOSE, o + len(CALL_OPEN))
        if c < 0:
            raise ParseError("<tool_call> block is not closed")
        calls.append(_read_call(_java_strip(s[o + len(CALL_OPEN):c])))
        pos = c + len(CALL_CLOSE)


def parse_or_none(output):
    """The calls of an output, or None when it does not parse."""
    try:
        return parse(output)
    except ParseError:
        return None


def _is_number(v):
    return isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)


def same_value(a, b):
    """JSON value equality as ToolMatch defines it (JsonValues.equal)."""
    # Iterative, so that documents as deep as Jackson allows compare without recursion.
    pending = [(a, b)]
    while pending:
        x, y = pending.pop()
        if _is_number(x) and _is_number(y):
            if isinstance(x, int) and isinstance(y, int):
                if x != y:
                    return False
            elif Decimal(x) != Decimal(y):
                return False
        elif isinstance(x, bool) or isinstance(y, bool):
            if not (isinstance(x, bool) and isinstance(y, bool) and x == y):
                return False
        elif x is None or y is None:
            if not (x is None and y is None):
                return False
        elif isinstance(x, str) or isinstance(y, str):
            if not (isinstance(x, str) and isinstance(y, str) and x == y):
                return False
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                return False
            pending.extend(zip(x, y))
        elif isinstance(x, dict) and isinstance(y, dict):
            if len(x) != len(y):
                return False
            for k, v in x.items():
                if k not in y:
                    return False
                pending.append((v, y[k]))
        else:
            return False
    return True


def same_call(a, b):
    return a[0] == b[0] and same_value(a[1], b[1])


def calls_match(predicted, expected):
    """Multiset equality of two call lists under same_call."""
    if len(predicted) != len(expected):
        return False
    # Call equality is an equivalence relation, so greedy pairing finds a perfect matching
    # whenever one exists.
    used = [False] * len(predicted)
    for want in expected:
        for i, got in enumerate(predicted):
            if not used[i] and same_call(got, want):
                used[i] = True
                break
        else:
            return False
    return True


def matches(output, ground_truth):
    """Whether a raw model output matches the ground truth (both Hermes text)."""
    expected = parse_or_none(ground_truth)
    if expected is None:
        return False
    predicted = parse_or_none(output)
    return predicted is not None and calls_match(predicted, expected)


def reward(output, ground_truth):
    """The binary GRPO reward: 1.0 on a match, else 0.0."""
    return 1.0 if matches(output, ground_truth) else 0.0
