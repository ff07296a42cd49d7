package dev.looptool.benchmarks.acebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.benchmarks.PerturbationTally;
import dev.looptool.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** ACEBench's normal checker: its quirks on small entries, then every answer of the shared data. */
class AcebenchCheckerTest {
  private final AcebenchChecker checker = new AcebenchChecker();

  static JsonNode json(String s) {
    try {
      return Json.parse(s.replace('`', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static AcebenchDataset data() {
    return AcebenchDataset.load(
        Path.of(System.getProperty("looptool.repo.root", "."))
            .resolve("../shared/data/acebench")
            .normalize());
  }

  private static final String DOCS =
      "[{`name`: `trip`, `parameters`: {`type`: `object`, `properties`: {"
          + "`city`: {`type`: `string`}, `days`: {`type`: `integer`}, `pets`: {`type`: `boolean`}, "
          + "`tags`: {`type`: `array`, `items`: {`type`: `string`}}, `when`: {`type`: `object`}}, `required`: [`city`]}}]";

  private AcebenchEntry entry(String... alternatives) {
    List<JsonNode> alts = new ArrayList<>();
    for (String a : alternatives) {
      alts.add(json(a));
    }
    List<JsonNode> docs = new ArrayList<>();
    json(DOCS).forEach(docs::add);
    return new AcebenchEntry(
        "normal_test_0", AcebenchCategory.SINGLE_TURN_SINGLE_FUNCTION, docs, alts);
  }

  private AcebenchVerdict call(AcebenchEntry e, String calls) {
    return checker.check(e, json(calls));
  }

  @Test
  void stringsPassWhenTheAnswerIsContainedAfterStandardising() {
    AcebenchEntry e = entry("{`trip`: {`city`: `Beijing`}}");
    assertTrue(call(e, "[{`name`: `trip`, `arguments`: {`city`: `beijing, China`}}]").valid());
    AcebenchVerdict v = call(e, "[{`name`: `trip`, `arguments`: {`city`: `Shanghai`}}]");
    assertEquals("value_error:string", v.errorType());
  }

  @Test
  void numbersAndBooleansAreOnlyTypeChecked() {
    AcebenchEntry e = entry("{`trip`: {`city`: `Rome`, `days`: 5, `pets`: true}}");
    assertTrue(
        call(e, "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `days`: 7, `pets`: false}}]")
            .valid());
    assertTrue(
        call(e, "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `days`: 5, `pets`: `true`}}]")
            .valid());
    assertEquals(
        "type_error",
        call(e, "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `days`: `5`}}]").errorType());
  }

  @Test
  void nestedDictValuesCompareByContainedPythonStr() {
    AcebenchEntry e = entry("{`trip`: {`city`: `Rome`, `when`: {`year`: 1, `month`: `May`}}}");
    assertTrue(
        call(
                e,
                "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `when`: {`year`: 10, `month`: `may `}}}]")
            .valid());
    assertEquals(
        "value_error",
        call(
                e,
                "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `when`: {`year`: 2, `month`: `May`}}}]")
            .errorType());
    assertEquals(
        "value_error",
        call(e, "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `when`: {`year`: 1}}}]")
            .errorType());
  }

  @Test
  void listsCompareExactlyAfterStandardising() {
    AcebenchEntry e = entry("{`trip`: {`city`: `Rome`, `tags`: [`Old Town`, `food`]}}");
    assertTrue(
        call(e, "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `tags`: [`old-town`, `Food`]}}]")
            .valid());
    assertEquals(
        "value_error:list/tuple",
        call(e, "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `tags`: [`food`, `old town`]}}]")
            .errorType());
  }

  @Test
  void repeatedCallsAreKeyedWithAnIndexSuffix() {
    AcebenchEntry e = entry("{`trip_1`: {`city`: `Rome`}, `trip_2`: {`city`: `Oslo`}}");
    assertTrue(
        call(
                e,
                "[{`name`: `trip`, `arguments`: {`city`: `Oslo`}}, {`name`: `trip`, `arguments`: {`city`: `Rome`}}]")
            .valid());
    assertEquals(
        "function_mismatch",
        call(
                e,
                "[{`name`: `trip`, `arguments`: {`city`: `Oslo`}}, {`name`: `tour`, `arguments`: {`city`: `Rome`}}]")
            .errorType());
    assertEquals(
        "wrong functions number",
        call(e, "[{`name`: `trip`, `arguments`: {`city`: `Oslo`}}]").errorType());
  }

  @Test
  void theFirstPassingAlternativeWinsElseTheFirstError() {
    AcebenchEntry e = entry("{`trip`: {`city`: `Rome`}}", "{`trip`: {`city`: `Milan`}}");
    assertTrue(call(e, "[{`name`: `trip`, `arguments`: {`city`: `Milan`}}]").valid());
    AcebenchVerdict v = call(e, "[{`name`: `trip`, `arguments`: {`city`: `Paris`}}]");
    assertFalse(v.valid());
    assertTrue(v.error().contains("expected: Rome"), v.error());
  }

  @Test
  void argumentChecksRunInTheOfficialOrder() {
    AcebenchEntry e = entry("{`trip`: {`city`: `Rome`, `days`: 2}}");
    assertEquals("lack_args", call(e, "[{`name`: `trip`, `arguments`: {`days`: 2}}]").errorType());
    assertEquals(
        "addition_args",
        call(e, "[{`name`: `trip`, `arguments`: {`city`: `Rome`, `pets`: true}}]").errorType());
    assertEquals("wrong_param", call(e, "[{`name`: `trip`, `arguments`: {}}]").errorType());
    assertEquals("ast_decoder:decoder_failed", call(e, "`trip(city='Rome')`").errorType());
    assertEquals("ast_decoder:decoder_wrong_output_format", call(e, "[[`trip`]]").errorType());
  }

  /** Entries no output can pass under the official semantics, and why. */
  static final Map<String, String> CANNOT_PASS =
      Map.of(
          "normal_single_turn_parallel_function_42",
              "an expected empty list always fails the nested type check",
          "normal_preference_40",
              "an array without items is checked as a list of dicts, but the answer lists a string");

  @Test
  void everyAnswerOfTheSharedDataPassesExceptTheKnownUpstreamEntries() {
    AcebenchDataset d = data();
    Set<String> failing = new TreeSet<>();
    PerturbationTally tally = new PerturbationTally();
    int entries = 0;
    for (AcebenchEntry e : d.all()) {
      entries++;
      List<AcebenchCases.Case> answers = AcebenchCases.answers(e);
      for (AcebenchCases.Case c : answers) {
        if (!checker.check(e, c.calls()).valid()) {
          failing.add(e.id());
        }
      }
      if (!checker.check(e, answers.get(0).calls()).valid()) {
        continue;
      }
      for (AcebenchCases.Case c : AcebenchCases.perturbations(e, answers.get(0).calls())) {
        AcebenchVerdict v = checker.check(e, c.calls());
        tally.add(e.id(), c.description(), c.expectedErrorType(), v.valid(), v.errorType(), v);
      }
    }
    assertEquals(823, entries);
    assertEquals(new TreeSet<>(CANNOT_PASS.keySet()), failing);
    assertEquals(List.of(), tally.firstWrong(10));
    tally.assertEveryTypeRan(
        List.of(
            "ast_decoder:decoder_failed",
            "wrong functions number",
            "function_mismatch",
            "addition_args",
            "lack_args",
            "type_error",
            "value_error:string"));
  }
}
