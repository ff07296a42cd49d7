package dev.looptool.benchmarks.bfcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.benchmarks.PerturbationTally;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every acceptable value of every AST entry in the shared BFCL-v3 data, rendered as calls, must be
 * valid, except in the upstream entries listed here; every systematic perturbation must be invalid
 * with the official error type. (The same cases gave identical verdicts from the official Python
 * checker, see {@code looptool bfcl bench --python-checker}.)
 */
class BfclAnswersAgreeTest {

  /** Entries no output can pass, and why. */
  static final Map<String, String> CANNOT_PASS =
      Map.of(
          "live_simple_106-63-0", "a required parameter is missing from the answer",
          "live_simple_112-68-0", "a required parameter is missing from the answer",
          "live_multiple_507-149-4", "a required parameter is missing from the answer",
          "live_multiple_964-207-0", "a required parameter is missing from the answer",
          "live_multiple_862-181-3", "the answer requires a parameter the doc lacks",
          "java_36",
              "ArrayList<any> items convert to strings, but the answer lists an int and a bool",
          "java_65", "ArrayList<any> items convert to strings, but the answer lists bools");

  /** Entries whose answer, rendered as written, fails, but which some output passes. */
  static final Map<String, String> PASS_ONLY_OTHERWISE =
      Map.of(
          "simple_363",
              "answer names find_closest, doc restaurant_search.find_closest: only the doc's name passes",
          "javascript_41", "answer names queue, doc queue_1: only the doc's name passes",
          "parallel_multiple_12",
              "an optional answer parameter is not in the doc: passes only when omitted",
          "parallel_multiple_26",
              "an optional answer parameter is not in the doc: passes only when omitted",
          "live_parallel_9-5-0",
              "an optional answer parameter is not in the doc: passes only when omitted");

  private final BfclChecker checker = new BfclChecker();

  @Test
  void everyAnswerRenderingIsValidExceptTheKnownUpstreamEntries() {
    Set<String> failing = new TreeSet<>();
    Set<String> neverPassing = new TreeSet<>();
    int renderings = 0;
    for (BfclEntry e : BfclDataFixture.dataset().astEntries()) {
      boolean anyPass = false;
      for (BfclCase c : BfclCases.answers(e)) {
        renderings++;
        if (checker.check(e, c.calls(), c.underscoreToDot()).valid()) {
          anyPass = true;
        } else {
          failing.add(e.id());
        }
      }
      if (!anyPass) {
        neverPassing.add(e.id());
      }
    }
    Set<String> expectedFailing = new TreeSet<>(CANNOT_PASS.keySet());
    expectedFailing.addAll(PASS_ONLY_OTHERWISE.keySet());
    assertEquals(expectedFailing, failing);
    Set<String> expectedNever = new TreeSet<>(CANNOT_PASS.keySet());
    expectedNever.add("simple_363");
    expectedNever.add("javascript_41");
    assertEquals(expectedNever, neverPassing);
    assertTrue(renderings > 7000, "renderings: " + renderings);
    assertEquals(2501, BfclDataFixture.dataset().astEntries().size());
  }

  @Test
  void theMisnamedSimpleAnswersPassUnderTheDocsName() {
    for (String id : List.of("simple_363", "javascript_41")) {
      BfclEntry e = BfclDataFixture.dataset().entry(id);
      ArrayNode calls = BfclCases.answers(e).get(0).calls().deepCopy();
      ((ObjectNode) calls.get(0)).put("name", e.functions().get(0).get("name").textValue());
      assertTrue(checker.check(e, calls, false).valid(), id);
    }
  }

  @Test
  void everyPerturbationGetsTheOfficialErrorType() {
    PerturbationTally tally = new PerturbationTally();
    for (BfclEntry e : BfclDataFixture.dataset().astEntries()) {
      BfclCase base = BfclCases.answers(e).get(0);
      if (!checker.check(e, base.calls(), false).valid()) {
        continue;
      }
      for (BfclCase c : BfclCases.perturbations(e, base.calls())) {
        BfclVerdict v = checker.check(e, c.calls(), c.underscoreToDot());
        assertFalse(c.expectValid());
        tally.add(e.id(), c.description(), c.expectedErrorType(), v.valid(), v.errorType(), v);
      }
    }
    assertEquals(List.of(), tally.firstWrong(20));
    tally.assertEveryTypeRan(
        List.of(
            "ast_decoder:decoder_failed",
            "ast_decoder:decoder_wrong_output_format",
            "simple_function_checker:wrong_count",
            "multiple_function_checker:wrong_count",
            "parallel_function_checker_no_order:wrong_count",
            "parallel_function_checker_no_order:cannot_find_match",
            "simple_function_checker:wrong_func_name",
            "simple_function_checker:missing_required",
            "simple_function_checker:unexpected_param",
            "simple_function_checker:missing_optional",
            "type_error:simple",
            "type_error:java",
            "type_error:js",
            "value_error:string"));
  }
}
