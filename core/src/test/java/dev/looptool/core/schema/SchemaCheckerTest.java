package dev.looptool.core.schema;

import static dev.looptool.core.testing.Fixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.schema.Violation.Kind;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCheckerTest {
  private final List<ToolSpec> tools = List.of(Fixtures.weatherTool(), Fixtures.flightTool());

  private List<Violation> check(String name, String args) {
    return SchemaChecker.check(call(name, args), tools);
  }

  private static void assertOnly(List<Violation> vs, Kind kind, String pointer) {
    assertEquals(1, vs.size(), vs.toString());
    assertEquals(kind, vs.get(0).kind());
    assertEquals(pointer, vs.get(0).pointer());
  }

  @Test
  void validCallsHaveNoViolations() {
    assertTrue(
        check("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\",\"days\":3}").isEmpty());
    assertTrue(
        check(
                "book_flight",
                "{\"origin\":\"CDG\",\"destination\":\"JFK\",\"date\":\"2026-05-01\",\"passengers\":[{\"name\":\"Ann\",\"age\":30}],\"refundable\":false,\"max_price\":420}")
            .isEmpty());
  }

  @Test
  void unknownTool() {
    assertOnly(check("get_wether", "{}"), Kind.UNKNOWN_TOOL, "/name");
  }

  @Test
  void missingRequired() {
    assertOnly(
        check("get_weather", "{\"unit\":\"celsius\"}"), Kind.MISSING_REQUIRED, "/arguments/city");
  }

  @Test
  void unknownParameter() {
    assertOnly(
        check("get_weather", "{\"city\":\"Paris\",\"country\":\"FR\"}"),
        Kind.UNKNOWN_PARAMETER,
        "/arguments/country");
  }

  @Test
  void integerNumberAndBooleanAreDistinct() {
    assertOnly(
        check("get_weather", "{\"city\":\"Paris\",\"days\":2.5}"),
        Kind.WRONG_TYPE,
        "/arguments/days");
    assertOnly(
        check("get_weather", "{\"city\":\"Paris\",\"days\":\"3\"}"),
        Kind.WRONG_TYPE,
        "/arguments/days");
    assertOnly(
        check("get_weather", "{\"city\":\"Paris\",\"days\":true}"),
        Kind.WRONG_TYPE,
        "/arguments/days");
    assertTrue(
        check("get_weather", "{\"city\":\"Paris\",\"days\":3.0}").isEmpty(),
        "3.0 is an integer in JSON Schema");
    assertOnly(
        check(
            "book_flight",
            "{\"origin\":\"a\",\"destination\":\"b\",\"date\":\"2026-01-01\",\"refundable\":1}"),
        Kind.WRONG_TYPE,
        "/arguments/refundable");
    assertOnly(
        check(
            "book_flight",
            "{\"origin\":\"a\",\"destination\":\"b\",\"date\":\"2026-01-01\",\"max_price\":false}"),
        Kind.WRONG_TYPE,
        "/arguments/max_price");
  }

  @Test
  void enumValues() {
    assertOnly(
        check("get_weather", "{\"city\":\"Paris\",\"unit\":\"kelvin\"}"),
        Kind.NOT_IN_ENUM,
        "/arguments/unit");
  }

  @Test
  void arrayItemsAndNestedObjects() {
    assertOnly(
        check(
            "book_flight",
            "{\"origin\":\"a\",\"destination\":\"b\",\"date\":\"2026-01-01\",\"passengers\":[{\"name\":\"A\"},{\"age\":3}]}"),
        Kind.MISSING_REQUIRED,
        "/arguments/passengers/1/name");
    assertOnly(
        check(
            "book_flight",
            "{\"origin\":\"a\",\"destination\":\"b\",\"date\":\"2026-01-01\",\"passengers\":[{\"name\":\"A\",\"age\":\"x\"}]}"),
        Kind.WRONG_TYPE,
        "/arguments/passengers/0/age");
    assertOnly(
        check(
            "book_flight",
            "{\"origin\":\"a\",\"destination\":\"b\",\"date\":\"2026-01-01\",\"passengers\":[\"Ann\"]}"),
        Kind.WRONG_TYPE,
        "/arguments/passengers/0");
    assertOnly(
        check(
            "book_flight",
            "{\"origin\":\"a\",\"destination\":\"b\",\"date\":\"2026-01-01\",\"passengers\":[{\"name\":\"A\",\"seat\":\"1A\"}]}"),
        Kind.UNKNOWN_PARAMETER,
        "/arguments/passengers/0/seat");
  }

  @Test
  void dateFormat() {
    assertOnly(
        check("book_flight", "{\"origin\":\"a\",\"destination\":\"b\",\"date\":\"May 1st\"}"),
        Kind.BAD_FORMAT,
        "/arguments/date");
  }

  @Test
  void pointersEscapeSpecialCharacters() {
    ToolSpec t =
        new ToolSpec(
            "f",
            "",
            JsonSchema.builder("object")
                .property("a/b", JsonSchema.builder("string").build(), true)
                .build());
    List<Violation> vs = SchemaChecker.check(call("f", "{}"), t);
    assertEquals("/arguments/a~1b", vs.get(0).pointer());
  }

  @Test
  void benchmarkTypeAliasesAreUnderstood() {
    ToolSpec t =
        new ToolSpec(
            "f",
            "",
            JsonSchema.builder("dict")
                .property("x", JsonSchema.builder("float").build(), true)
                .property("y", JsonSchema.builder("tuple").build(), false)
                .property("z", JsonSchema.builder("any").build(), false)
                .build());
    assertTrue(SchemaChecker.check(call("f", "{\"x\":1.5,\"y\":[1],\"z\":{}}"), t).isEmpty());
    assertEquals(
        Kind.WRONG_TYPE, SchemaChecker.check(call("f", "{\"x\":\"1.5\"}"), t).get(0).kind());
  }
}
