package dev.looptool.benchmarks.bfcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official v3 rules, one at a time, on small hand-made entries. */
class BfclCheckerTest {
  private final BfclChecker checker = new BfclChecker();

  static JsonNode json(String s) {
    try {
      return Json.parse(s.replace('`', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static BfclEntry entry(BfclCategory c, String docs, String answers) {
    List<JsonNode> d = new ArrayList<>();
    json(docs).forEach(d::add);
    List<JsonNode> a = new ArrayList<>();
    json(answers).forEach(a::add);
    return new BfclEntry(c.id() + "_0", c, d, a);
  }

  private static final String DOC =
      "[{`name`: `geo.distance`, `parameters`: {`type`: `dict`, `properties`: {"
          + "`city`: {`type`: `string`}, `count`: {`type`: `integer`}, `scale`: {`type`: `float`}, "
          + "`exact`: {`type`: `boolean`}, `tags`: {`type`: `array`, `items`: {`type`: `string`}}, "
          + "`opts`: {`type`: `dict`}, `unit`: {`type`: `string`}}, `required`: [`city`]}}]";
  private static final String ANSWER =
      "[{`geo.distance`: {`city`: [`New York, NY`, `NYC`], `count`: [3, ``], "
          + "`scale`: [2.0, ``], `exact`: [true, ``], `tags`: [[`a`, `b`], ``], `opts`: [{`mode`: [`fast`], `depth`: [1, ``]}, ``], "
          + "`unit`: [`km`, ``]}}]";
  private final BfclEntry simple = entry(BfclCategory.SIMPLE, DOC, ANSWER);

  private BfclVerdict simpleCall(String args) {
    return checker.check(
        simple, json("[{`name`: `geo.distance`, `arguments`: " + args + "}]"), false);
  }

  private static void invalid(String type, BfclVerdict v) {
    assertFalse(v.valid(), "expected " + type);
    assertEquals(type, v.errorType(), v.error());
  }

  @Test
  void aMinimalCallWithOnlyRequiredParametersIsValid() {
    assertTrue(simpleCall("{`city`: `NYC`}").valid());
    assertNull(simpleCall("{`city`: `NYC`}").errorType());
  }

  @Test
  void stringsAreStandardisedBeforeComparison() {
    assertTrue(simpleCall("{`city`: `new york ny`}").valid());
    assertTrue(simpleCall("{`city`: `NEW-YORK,  N.Y`}").valid());
    invalid("value_error:string", simpleCall("{`city`: `Boston`}"));
  }

  @Test
  void boolIsNotIntAndFloatIsNotInt() {
    invalid("type_error:simple", simpleCall("{`city`: `NYC`, `count`: true}"));
    invalid("type_error:simple", simpleCall("{`city`: `NYC`, `count`: 3.0}"));
    assertTrue(simpleCall("{`city`: `NYC`, `count`: 3}").valid());
    invalid("value_error:others", simpleCall("{`city`: `NYC`, `count`: 4}"));
  }

  @Test
  void anIntForAFloatParameterIsWidened() {
    assertTrue(simpleCall("{`city`: `NYC`, `scale`: 2}").valid());
    assertTrue(simpleCall("{`city`: `NYC`, `scale`: 2.0}").valid());
    invalid("type_error:simple", simpleCall("{`city`: `NYC`, `scale`: `2`}"));
  }

  @Test
  void listsAreOrderSensitiveAfterStandardisingTheirStrings() {
    assertTrue(simpleCall("{`city`: `NYC`, `tags`: [`A`, `b `]}").valid());
    invalid("value_error:list/tuple", simpleCall("{`city`: `NYC`, `tags`: [`b`, `a`]}"));
    // The official nested check lets any item type through when "" is an option (as here)...
    invalid("value_error:list/tuple", simpleCall("{`city`: `NYC`, `tags`: [1, 2]}"));
    // ...and checks item types otherwise.
    BfclEntry strict =
        entry(
            BfclCategory.SIMPLE,
            "[{`name`: `f`, `parameters`: {`type`: `dict`, `properties`: {`t`: {`type`: `array`, `items`: {`type`: `string`}}}, `required`: [`t`]}}]",
            "[{`f`: {`t`: [[`a`]]}}]");
    invalid(
        "type_error:nested",
        checker.check(strict, json("[{`name`: `f`, `arguments`: {`t`: [1]}}]"), false));
  }

  @Test
  void dictsNeedEveryKeyWithoutAnEmptyOptionAndKnownKeysOnly() {
    assertTrue(simpleCall("{`city`: `NYC`, `opts`: {`mode`: `FAST`}}").valid());
    assertTrue(simpleCall("{`city`: `NYC`, `opts`: {`mode`: `fast`, `depth`: 1.0}}").valid());
    invalid("value_error:dict_key", simpleCall("{`city`: `NYC`, `opts`: {`depth`: 1}}"));
    invalid(
        "value_error:dict_key",
        simpleCall("{`city`: `NYC`, `opts`: {`mode`: `fast`, `other`: 1}}"));
    invalid("value_error:dict_value", simpleCall("{`city`: `NYC`, `opts`: {`mode`: `slow`}}"));
  }

  @Test
  void parameterChecksRunInTheOfficialOrder() {
    invalid(
        "simple_function_checker:wrong_func_name",
        checker.check(
            simple, json("[{`name`: `geo_distance`, `arguments`: {`city`: `NYC`}}]"), false));
    invalid("simple_function_checker:missing_required", simpleCall("{`count`: 3}"));
    invalid("simple_function_checker:unexpected_param", simpleCall("{`city`: `NYC`, `radius`: 3}"));
    invalid("simple_function_checker:wrong_count", checker.check(simple, json("[]"), false));
  }

  @Test
  void anAnswerParameterWithoutEmptyOptionMustBeGiven() {
    BfclEntry e =
        entry(
            BfclCategory.SIMPLE,
            "[{`name`: `f`, `parameters`: {`type`: `dict`, `properties`: {`a`: {`type`: `integer`}, `b`: {`type`: `integer`}}, `required`: [`a`]}}]",
            "[{`f`: {`a`: [1], `b`: [2]}}]");
    invalid(
        "simple_function_checker:missing_optional",
        checker.check(e, json("[{`name`: `f`, `arguments`: {`a`: 1}}]"), false));
    assertTrue(
        checker.check(e, json("[{`name`: `f`, `arguments`: {`a`: 1, `b`: 2}}]"), false).valid());
  }

  @Test
  void aValueOfTheAnswersTypeIsAcceptedAsAVariable() {
    BfclEntry e =
        entry(
            BfclCategory.SIMPLE,
            "[{`name`: `f`, `parameters`: {`type`: `dict`, `properties`: {`n`: {`type`: `integer`}}, `required`: [`n`]}}]",
            "[{`f`: {`n`: [`count`]}}]");
    assertTrue(
        checker.check(e, json("[{`name`: `f`, `arguments`: {`n`: `count`}}]"), false).valid());
    // A variable is compared exactly, without standardisation.
    invalid(
        "value_error:others",
        checker.check(e, json("[{`name`: `f`, `arguments`: {`n`: `Count`}}]"), false));
  }

  @Test
  void dotsBecomeUnderscoresOnlyWhenAsked() {
    JsonNode underscored = json("[{`name`: `geo_distance`, `arguments`: {`city`: `NYC`}}]");
    assertTrue(checker.check(simple, underscored, true).valid());
    invalid("simple_function_checker:wrong_func_name", checker.check(simple, underscored, false));
    invalid("simple_function_checker:wrong_func_name", simpleCallAs("geo.distance", true));
  }

  private BfclVerdict simpleCallAs(String name, boolean u2d) {
    return checker.check(
        simple, json("[{`name`: `" + name + "`, `arguments`: {`city`: `NYC`}}]"), u2d);
  }

  @Test
  void undecodableAndMisshapenOutputs() {
    invalid("ast_decoder:decoder_failed", checker.check(simple, json("`f(x)`"), false));
    invalid("ast_decoder:decoder_failed", checker.check(simple, json("null"), false));
    invalid(
        "ast_decoder:decoder_failed",
        checker.check(simple, json("{`name`: `geo.distance`}"), false));
    invalid(
        "ast_decoder:decoder_wrong_output_format",
        checker.check(simple, json("[{`name`: 3, `arguments`: {}}]"), false));
    invalid(
        "ast_decoder:decoder_wrong_output_format",
        checker.check(simple, json("[{`name`: `f`, `arguments`: [1]}]"), false));
  }

  private static final String PDOC =
      "[{`name`: `price`, `parameters`: {`type`: `dict`, `properties`: {"
          + "`company`: {`type`: `string`}}, `required`: [`company`]}}]";

  @Test
  void parallelMatchesCallsInAnyOrderButGreedily() {
    BfclEntry e =
        entry(
            BfclCategory.PARALLEL,
            PDOC,
            "[{`price`: {`company`: [`Apple`]}}, {`price`: {`company`: [`Microsoft`]}}]");
    assertTrue(
        checker
            .check(
                e,
                json(
                    "[{`name`: `price`, `arguments`: {`company`: `Microsoft`}}, {`name`: `price`, `arguments`: {`company`: `apple`}}]"),
                false)
            .valid());
    invalid(
        "parallel_function_checker_no_order:cannot_find_match",
        checker.check(
            e,
            json(
                "[{`name`: `price`, `arguments`: {`company`: `Apple`}}, {`name`: `price`, `arguments`: {`company`: `Apple`}}]"),
            false));
    invalid(
        "parallel_function_checker_no_order:wrong_count",
        checker.check(e, json("[{`name`: `price`, `arguments`: {`company`: `Apple`}}]"), false));
    // Answer 0 also accepts Microsoft, so the Microsoft call is taken first and Apple's answer 1...
    // fails.
    BfclEntry greedy =
        entry(
            BfclCategory.PARALLEL,
            PDOC,
            "[{`price`: {`company`: [`Apple`, `Microsoft`]}}, {`price`: {`company`: [`Microsoft`]}}]");
    invalid(
        "parallel_function_checker_no_order:cannot_find_match",
        checker.check(
            greedy,
            json(
                "[{`name`: `price`, `arguments`: {`company`: `Microsoft`}}, {`name`: `price`, `arguments`: {`company`: `Apple`}}]"),
            false));
    assertTrue(
        checker
            .check(
                greedy,
                json(
                    "[{`name`: `price`, `arguments`: {`company`: `Apple`}}, {`name`: `price`, `arguments`: {`company`: `Microsoft`}}]"),
                false)
            .valid());
  }

  @Test
  void multipleLooksTheDocUpByTheAnswersName() {
    String docs =
        "[{`name`: `a`, `parameters`: {`type`: `dict`, `properties`: {`x`: {`type`: `integer`}}, `required`: [`x`]}},"
            + "{`name`: `b`, `parameters`: {`type`: `dict`, `properties`: {`y`: {`type`: `string`}}, `required`: [`y`]}}]";
    BfclEntry e = entry(BfclCategory.MULTIPLE, docs, "[{`b`: {`y`: [`hi`]}}]");
    assertTrue(checker.check(e, json("[{`name`: `b`, `arguments`: {`y`: `HI`}}]"), false).valid());
    invalid(
        "simple_function_checker:wrong_func_name",
        checker.check(e, json("[{`name`: `a`, `arguments`: {`x`: 1}}]"), false));
    invalid("multiple_function_checker:wrong_count", checker.check(e, json("[]"), false));
  }

  @Test
  void irrelevanceWantsNoCallAndRelevanceWantsOne() {
    BfclEntry irr =
        new BfclEntry("irrelevance_0", BfclCategory.IRRELEVANCE, List.of(json(PDOC).get(0)), null);
    BfclEntry rel =
        new BfclEntry(
            "live_relevance_0-0-0", BfclCategory.LIVE_RELEVANCE, List.of(json(PDOC).get(0)), null);
    JsonNode call = json("[{`name`: `price`, `arguments`: {}}]");
    assertTrue(checker.check(irr, json("[]"), false).valid());
    assertTrue(checker.check(irr, json("`I cannot help with that`"), false).valid());
    invalid("irrelevance_error:decoder_success", checker.check(irr, call, false));
    assertTrue(checker.check(rel, call, false).valid());
    invalid("relevance_error:decoder_failed", checker.check(rel, json("[]"), false));
    invalid("relevance_error:decoder_failed", checker.check(rel, json("null"), false));
  }

  @Test
  void javaValuesAreConvertedFromTheirLiterals() {
    BfclEntry e =
        entry(
            BfclCategory.JAVA,
            "[{`name`: `m`, `parameters`: {`type`: `dict`, `properties`: {`n`: {`type`: `long`}, `f`: {`type`: `float`}, "
                + "`l`: {`type`: `ArrayList`, `items`: {`type`: `String`}}}, `required`: [`n`]}}]",
            "[{`m`: {`n`: [42], `f`: [1.5, ``], `l`: [[`a`, `b`], ``]}}]");
    assertTrue(
        checker
            .check(
                e,
                json(
                    "[{`name`: `m`, `arguments`: {`n`: `42L`, `f`: `1.5f`, `l`: `new ArrayList<>(Arrays.asList(\\`a\\`, \\`b\\`))`}}]"),
                false)
            .valid());
    invalid(
        "type_error:java",
        checker.check(e, json("[{`name`: `m`, `arguments`: {`n`: 42}}]"), false));
    // Without its L suffix the long stays a string, which is the wrong type.
    invalid(
        "type_error:simple",
        checker.check(e, json("[{`name`: `m`, `arguments`: {`n`: `42`}}]"), false));
  }

  @Test
  void javascriptValuesAreConvertedFromTheirLiterals() {
    BfclEntry e =
        entry(
            BfclCategory.JAVASCRIPT,
            "[{`name`: `g`, `parameters`: {`type`: `dict`, `properties`: {`xs`: {`type`: `array`, `items`: {`type`: `integer`}}, "
                + "`o`: {`type`: `dict`}}, `required`: [`xs`]}}]",
            "[{`g`: {`xs`: [[1, 2]], `o`: [{`k`: [`v`]}, ``]}}]");
    assertTrue(
        checker
            .check(
                e, json("[{`name`: `g`, `arguments`: {`xs`: `[1, 2]`, `o`: `{'k': 'v'}`}}]"), false)
            .valid());
    invalid(
        "type_error:js",
        checker.check(e, json("[{`name`: `g`, `arguments`: {`xs`: [1, 2]}}]"), false));
    invalid(
        "value_error:list/tuple",
        checker.check(e, json("[{`name`: `g`, `arguments`: {`xs`: `[2, 1]`}}]"), false));
  }
}
