package dev.looptool.benchmarks.bfcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Java and JavaScript literal conversion, on the examples the official converters document. */
class LiteralsTest {
  private static JsonNode j(String s) {
    return BfclCheckerTest.json(s);
  }

  private static void same(String expectedJson, JsonNode actual) {
    assertTrue(
        PyValues.equal(j(expectedJson), actual)
            && PyValues.type(j(expectedJson)) == PyValues.type(actual),
        "expected " + expectedJson + " got " + actual);
  }

  @Test
  void javaScalars() {
    same("true", JavaLiterals.convert("true", "boolean", null));
    same("-123", JavaLiterals.convert("-123", "integer", null));
    same("3.14", JavaLiterals.convert("3.14f", "float", null));
    same("3000.0", JavaLiterals.convert("3e3F", "float", null));
    same("0.0314", JavaLiterals.convert("3.14e-2", "double", null));
    same("9223372036854775807", JavaLiterals.convert("9223372036854775807L", "long", null));
    same("`abc`", JavaLiterals.convert("abc", "String", null));
    same("`123`", JavaLiterals.convert("123", "any", null));
    // Wrong syntax stays a string (the type check rejects it later).
    same("`3.14`", JavaLiterals.convert("3.14", "float", null));
    same("`12`", JavaLiterals.convert("12", "long", null));
    same("`a`", JavaLiterals.convert("a", "char", null));
  }

  @Test
  void javaCollections() {
    same("[1, 2, 3]", JavaLiterals.convert("new int[]{1, 2, 3}", "Array", null));
    same("[]", JavaLiterals.convert("new int[] { }", "Array", null));
    same("[1, `abc`, true]", JavaLiterals.convert("new Object[]{1, \"abc\", true}", "Array", null));
    same("[1, `2`, 3]", JavaLiterals.convert("new long[]{1L, 2, 3L}", "Array", "long"));
    same(
        "[`a`, `b`]",
        JavaLiterals.convert(
            "new ArrayList<>(Arrays.asList(\"a\", \"b\"))", "ArrayList", "String"));
    same(
        "[1.0, 2.0]",
        JavaLiterals.convert(
            "new ArrayList<Float>() {{ add(1.0f); add(2.0f); }}", "ArrayList", "float"));
    same("[]", JavaLiterals.convert("new ArrayList<>()", "ArrayList", "integer"));
    same(
        "{`key1`: 1, `key2`: `value`, `key3`: true}",
        JavaLiterals.convert(
            "new HashMap<String, Object>() {{ put(\"key1\", 1); put(\"key2\", \"value\"); put(\"key3\", true); }}",
            "HashMap",
            null));
    same("{}", JavaLiterals.convert("new HashMap<>() {{ }}", "HashMap", null));
    same("`not a map`", JavaLiterals.convert("not a map", "HashMap", null));
    assertThrows(UnsupportedTypeException.class, () -> JavaLiterals.convert("x", "Set", null));
    assertThrows(UnsupportedTypeException.class, () -> JavaLiterals.convert("x", "Vector", null));
  }

  @Test
  void javascriptScalarsAndCollections() {
    same("true", JsLiterals.convert("true", "Boolean", null));
    same("123", JsLiterals.convert("123n", "Bigint", null));
    same("-3.14", JsLiterals.convert("-3.14", "float", null));
    same("`abc`", JsLiterals.convert("'abc'", "String", null));
    same("`abc`", JsLiterals.convert("abc", "String", null));
    same("`123.45`", JsLiterals.convert("123.45", "integer", null));
    same("[1, `two`, true]", JsLiterals.convert("[1, 'two', true]", "array", null));
    same("[4, 5, 6]", JsLiterals.convert("new Array(4, 5, 6)", "array", "integer"));
    same("[`hello`, `world`]", JsLiterals.convert("[\"hello\", \"world\"]", "array", "String"));
    same(
        "[[1, 2], [3, 4], [5, 6]]",
        JsLiterals.convert(" [ [ 1, 2 ], [ 3,   4], [5, 6]]", "array", "array"));
    same(
        "{`key1`: 123, `key2`: `value`, `key3`: false}",
        JsLiterals.convert("{'key1': 123, 'key2': 'value', 'key3': false}", "dict", null));
    JsonNode complex =
        JsLiterals.convert(
            "{\"initialState\": initialStateObject, \"reducers\": reducersMap, "
                + "\"middlewares\": [\"loggerMiddleware\"], \"enhancers\": [\"applyMiddleware\", \"myMiddleWare\"]}",
            "dict",
            null);
    same("`initialStateObject`", complex.get("initialState"));
    same("[`applyMiddleware`, `myMiddleWare`]", complex.get("enhancers"));
    // An items type the converter does not know keeps the whole text, as the official parser does.
    same("`[1, 2]`", JsLiterals.convert("[1, 2]", "array", "object"));
  }

  @Test
  void pythonNumberParsingAndEquality() {
    assertEquals(new java.math.BigInteger("1000"), PyValues.pyInt(" 1_000 "));
    assertEquals(null, PyValues.pyInt("1__0"));
    assertEquals(1e5, PyValues.pyFloat("1e5"));
    assertTrue(Double.isInfinite(PyValues.pyFloat("-Infinity")));
    assertTrue(PyValues.equal(j("1"), j("1.0")));
    assertTrue(PyValues.equal(j("true"), j("1")));
    assertTrue(PyValues.equal(j("[1, {`a`: 2.0}]"), j("[1.0, {`a`: 2}]")));
    assertTrue(!PyValues.equal(j("`1`"), j("1")));
    assertTrue(PyValues.equal(j("9007199254740993"), j("9007199254740993")));
    assertTrue(!PyValues.equal(j("9007199254740993"), PyValues.floatNode(9007199254740992.0)));
    assertEquals("april12024", PyValues.standardize("April 1, 2024"));
    assertEquals("\"x\"", PyValues.standardize("'X'"));
  }
}
