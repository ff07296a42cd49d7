package dev.looptool.core.interop;

import static dev.looptool.core.testing.Fixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PythonLiteralsTest {

  private static JsonNode json(String s) throws Exception {
    return Json.parse(s);
  }

  private static JsonNode py(String s) throws Exception {
    return PythonLiterals.parse(s);
  }

  // ---------------------------------------------------------------- property: repr reads back

  /** Random trees written in randomly chosen Python spellings read back as the same tree. */
  @Test
  void randomTreesWrittenAsPythonReadBack() throws Exception {
    Random rnd = new Random(20240917);
    for (int n = 0; n < 2000; n++) {
      JsonNode tree = randomTree(rnd, 0);
      String repr = repr(tree, rnd);
      assertEquals(tree, PythonLiterals.parse(repr), repr);
    }
  }

  /** Random keyword calls written in the BFCL style read back as the same calls. */
  @Test
  void randomCallListsReadBack() throws Exception {
    Random rnd = new Random(7);
    for (int n = 0; n < 500; n++) {
      StringBuilder sb = new StringBuilder("[");
      ArrayNode expected = Json.array();
      int calls = 1 + rnd.nextInt(3);
      for (int c = 0; c < calls; c++) {
        String name = rnd.nextBoolean() ? "fn" + c : "Api " + c + ".v2/run";
        ObjectNode args = Json.object();
        sb.append(c == 0 ? "" : ", ").append(name).append('(');
        int k = rnd.nextInt(4);
        for (int a = 0; a < k; a++) {
          JsonNode v = randomTree(rnd, 1);
          args.set("arg_" + a, v);
          sb.append(a == 0 ? "" : ", ").append("arg_").append(a).append('=').append(repr(v, rnd));
        }
        sb.append(')');
        expected.addObject().put("name", name).set("arguments", args);
      }
      sb.append(']');
      List<dev.looptool.core.model.ToolCall> got = PythonLiterals.parseCalls(sb.toString());
      assertEquals(calls, got.size(), sb.toString());
      for (int c = 0; c < calls; c++) {
        assertEquals(expected.get(c).get("name").textValue(), got.get(c).name(), sb.toString());
        assertEquals(expected.get(c).get("arguments"), got.get(c).arguments(), sb.toString());
      }
    }
  }

  private static JsonNode randomTree(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 2 ? 6 : 8);
    switch (kind) {
      case 0:
        return Json.NODES.textNode(randomString(rnd));
      case 1:
        return Json.NODES.numberNode(rnd.nextInt(2001) - 1000);
      case 2:
        return Json.NODES.numberNode(BigDecimal.valueOf(rnd.nextInt(100000) - 50000, 2));
      case 3:
        return Json.NODES.booleanNode(rnd.nextBoolean());
      case 4:
        return Json.NODES.nullNode();
      case 5:
        // Jackson's own node for the number: int, long or big integer by size.
        return parseJson(BigInteger.valueOf(rnd.nextLong()).multiply(BigInteger.valueOf(1000)));
      case 6:
        {
          ArrayNode a = Json.array();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            a.add(randomTree(rnd, depth + 1));
          }
          return a;
        }
      default:
        {
          ObjectNode o = Json.object();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            o.set(randomString(rnd), randomTree(rnd, depth + 1));
          }
          return o;
        }
    }
  }

  private static JsonNode parseJson(BigInteger v) {
    try {
      return Json.parse(v.toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String ALPHABET = "ab Z09'\"\\\n\t\u00e9\u4e2d\ud83d\ude00{}[](),:=#";

  private static String randomString(Random rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = rnd.nextInt(8); i > 0; i--) {
      int at = rnd.nextInt(ALPHABET.length());
      char c = ALPHABET.charAt(at);
      if (Character.isHighSurrogate(c)) {
        sb.append(c).append(ALPHABET.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The tree in Python syntax, choosing quotes, escapes, tuples and spacing at random. */
  private static String repr(JsonNode n, Random rnd) {
    StringBuilder sb = new StringBuilder();
    repr(n, rnd, sb);
    return sb.toString();
  }

  private static void repr(JsonNode n, Random rnd, StringBuilder sb) {
    String sep = rnd.nextBoolean() ? ", " : ",\n  ";
    if (n.isTextual()) {
      quote(n.textValue(), rnd, sb);
    } else if (n.isNull()) {
      sb.append("None");
    } else if (n.isBoolean()) {
      sb.append(n.booleanValue() ? "True" : "False");
    } else if (n.isNumber()) {
      sb.append(n.isBigDecimal() ? n.decimalValue().toPlainString() : n.bigIntegerValue());
    } else if (n.isArray()) {
      boolean tuple = rnd.nextInt(3) == 0;
      sb.append(tuple ? '(' : '[');
      for (int i = 0; i < n.size(); i++) {
        sb.append(i == 0 ? "" : sep);
        repr(n.get(i), rnd, sb);
      }
      if (tuple && n.size() == 1) {
        sb.append(',');
      } else if (n.size() > 0 && rnd.nextInt(4) == 0) {
        sb.append(','); // a trailing comma
      }
      sb.append(tuple ? ')' : ']');
    } else {
      sb.append('{');
      int i = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); i++) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append(i == 0 ? "" : sep);
        quote(e.getKey(), rnd, sb);
        sb.append(rnd.nextBoolean() ? ": " : ":");
        repr(e.getValue(), rnd, sb);
      }
      sb.append('}');
    }
  }

  private static void quote(String s, Random rnd, StringBuilder sb) {
    char q = rnd.nextBoolean() ? '\'' : '"';
    sb.append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append(rnd.nextBoolean() ? "\\t" : "\\x09");
      } else if (c > 127 && rnd.nextBoolean() && !Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (Character.isHighSurrogate(c) && rnd.nextBoolean()) {
        sb.append(String.format("\\U%08x", s.codePointAt(i)));
        i++;
      } else {
        sb.append(c);
      }
    }
    sb.append(q);
  }

  // ---------------------------------------------------------------- edge cases

  @Test
  void readsTheReprOfAHermesTool() throws Exception {
    assertEquals(
        json(
            "{\"type\": \"function\", \"function\": {\"name\": \"get_stock_price\", \"description\":"
                + " \"Get the current stock price\", \"parameters\": {\"type\": \"object\","
                + " \"properties\": {\"symbol\": {\"type\": \"string\"}}, \"required\":"
                + " [\"symbol\"]}, \"strict\": false, \"default\": null}}"),
        py(
            "{'type': 'function', 'function': {'name': 'get_stock_price', 'description': 'Get the"
                + " current stock price', 'parameters': {'type': 'object', 'properties':"
                + " {'symbol': {'type': 'string'}}, 'required': ['symbol']}, 'strict': False,"
                + " 'default': None}}"));
  }

  @Test
  void quotesNestInsideTheOtherQuote() throws Exception {
    assertEquals(Json.NODES.textNode("it's"), py("\"it's\""));
    assertEquals(Json.NODES.textNode("say \"hi\""), py("'say \"hi\"'"));
    assertEquals(Json.NODES.textNode("it's \"x\""), py("'it\\'s \"x\"'"));
    assertEquals(Json.NODES.textNode("a'b\"c"), py("'''a'b\"c'''"));
    assertEquals(Json.NODES.textNode("line1\nline2"), py("\"\"\"line1\nline2\"\"\""));
  }

  @Test
  void escapesFollowPython() throws Exception {
    assertEquals(Json.NODES.textNode("\u00e9\u4e2d\ud83d\ude00"), py("'\\xe9\\u4e2d\\U0001F600'"));
    assertEquals(Json.NODES.textNode("\u0000A\u0007\u000b"), py("'\\0\\101\\a\\v'"));
    assertEquals(Json.NODES.textNode("C:\\dir\\d"), py("'C:\\\\dir\\d'"), "unknown escape kept");
    assertEquals(Json.NODES.textNode("a\\nb\\'"), py("r'a\\nb\\''"), "raw string");
    assertEquals(Json.NODES.textNode("ab"), py("'a\\\nb'"), "line continuation");
    assertEquals(
        Json.NODES.textNode("\u00e9t\u00e9 \u4e2d\u6587"), py("'\u00e9t\u00e9 \u4e2d\u6587'"));
    assertEquals(Json.NODES.textNode("ab cd"), py("'ab' \" cd\""), "adjacent strings concatenate");
    assertEquals(Json.NODES.textNode("xy"), py("u'x' b'y'"));
  }

  /** A Python literal, the JSON it reads as, and the rule of the reading it shows. */
  record Reading(String rule, String python, String json) {
    @Override
    public String toString() {
      return rule + ": " + python;
    }
  }

  static List<Reading> readings() {
    String numbers = "numbers keep their kind";
    String tuples = "tuples are arrays and parentheses group";
    return List.of(
        new Reading(
            numbers,
            "[1, -2, 3.5, -.25, 1e3, 2.5e-7, 0xff, 0o10, 0b101, 1_000_000, 12345678901234]",
            "[1, -2, 3.5, -0.25, 1E+3, 2.5e-7, 255, 8, 5, 1000000, 12345678901234]"),
        new Reading(numbers, "123456789012345678901234567890", "123456789012345678901234567890"),
        new Reading(numbers, "5.", "5.0"),
        new Reading(numbers, "1.e3", "1.0E3"),
        new Reading(numbers, ".5", "0.5"),
        new Reading(numbers, "000", "0"),
        new Reading(tuples, "(1, 2)", "[1, 2]"),
        new Reading(tuples, "(1,)", "[1]"),
        new Reading(tuples, "()", "[]"),
        new Reading(tuples, "(1)", "1"),
        new Reading(tuples, "{'p': ((1, 2), [3],)}", "{\"p\": [[1, 2], [3]]}"),
        new Reading(
            "JSON spellings are accepted too",
            "{\"a\": true, \"b\": false, \"c\": null, \"d\": \"\\u00e9\"}",
            "{\"a\": true, \"b\": false, \"c\": null, \"d\": \"\\u00e9\"}"),
        new Reading(
            "non-string keys keep their Python spelling",
            "{1: 'a', True: 2, None: 3}",
            "{\"1\": \"a\", \"True\": 2, \"None\": 3}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readings")
  void aLiteralReadsAsItsJson(Reading r) throws Exception {
    assertEquals(json(r.json()), py(r.python()));
  }

  @Test
  void parseAllReadsOneValuePerLine() throws Exception {
    assertEquals(
        List.of(json("{\"a\": 1}"), json("{\"b\": [true]}")),
        PythonLiterals.parseAll("\n{'a': 1}\n{\"b\": [True]}\n"));
    assertEquals(List.of(), PythonLiterals.parseAll("  \n "));
  }

  @Test
  void callsTakeKeywordArguments() throws Exception {
    assertEquals(
        List.of(
            call("get_weather", "{\"city\": \"Paris\", \"days\": 3}"),
            call("other", "{\"x\": [1, 2], \"opt\": {\"k\": null}}"),
            call("Market Trends API", "{}"),
            call("math.factorial", "{\"n\": 5}")),
        PythonLiterals.parseCalls(
            "[get_weather(city=\"Paris\", days=3), other(x=[1, 2], opt={'k': None}),"
                + " Market Trends API(), math.factorial(n=5)]"));
    assertEquals(
        List.of(call("f", "{\"a\": \"x, y)\"}")), PythonLiterals.parseCalls(" f( a = 'x, y)' ) "));
    assertEquals(List.of(), PythonLiterals.parseCalls("[]"));
  }

  // ---------------------------------------------------------------- errors

  private static String error(String text) {
    return assertThrows(PythonLiterals.SyntaxException.class, () -> PythonLiterals.parse(text))
        .getMessage();
  }

  private static String callError(String text) {
    return assertThrows(PythonLiterals.SyntaxException.class, () -> PythonLiterals.parseCalls(text))
        .getMessage();
  }

  /** A text a reader refuses, and the message that names what is wrong and where. */
  record Refusal(String reader, Function<String, String> refuse, String text, String message) {
    @Override
    public String toString() {
      return reader + " " + text;
    }
  }

  private static Refusal literal(String text, String message) {
    return new Refusal("parse", PythonLiteralsTest::error, text, message);
  }

  private static Refusal callList(String text, String message) {
    return new Refusal("parseCalls", PythonLiteralsTest::callError, text, message);
  }

  static List<Refusal> refusals() {
    return List.of(
        literal("{'a': 'b}", "the string is not closed at character 7"),
        literal("{'a' 1}", "expected ':' after a dict key at character 6"),
        literal("{'a': 1 'b': 2}", "expected ',' or '}' at character 9"),
        literal("[1, 2,", "the list opened at character 1 is not closed with ']' at character 7"),
        literal("[nan]", "'nan' is not a Python literal at character 2"),
        literal("{} x", "unexpected text after the value at character 4"),
        literal("", "expected a value but the text ended at character 1"),
        literal("'\\xZ1'", "\\x escape needs 2 hex digits at character 2"),
        literal(
            "012",
            "a decimal integer must not start with 0 (Python 3 has no such literal) at character 1"),
        literal("3j", "a number runs into 'j' at character 2"),
        literal("'a\nb'", "the string opened at character 1 ends at a line break at character 3"),
        callList(
            "[get_weather('Paris', days=3)]",
            "positional argument in the call of 'get_weather': calls take keyword arguments only"
                + " (name=value) at character 14"),
        callList(
            "f(x)",
            "positional argument in the call of 'f': calls take keyword arguments only (name=value)"
                + " at character 3"),
        callList("[f]", "expected '(' after the function name 'f' at character 3"),
        callList("[f(a=1)", "the call list is not closed with ']' at character 8"),
        callList("[f(a=1", "the arguments of 'f' are not closed with ')' at character 7"),
        callList("[f(a=1, a=2)]", "argument 'a' is given twice at character 9"),
        callList("[f(a=1) g(b=2)]", "expected ',' or ']' at character 9"),
        callList("[(a=1)]", "expected a function name at character 2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void errorsNameWhatIsWrongAndWhere(Refusal r) {
    assertEquals(r.message(), r.refuse().apply(r.text()));
  }
}
