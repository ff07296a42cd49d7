package dev.looptool.benchmarks.bfcl;

import java.util.Arrays;
import java.util.Optional;

/**
 * A BFCL-v3 test category: its data file, the checker the official evaluator picks, its section.
 */
public enum BfclCategory {
  SIMPLE("simple", Section.NON_LIVE),
  MULTIPLE("multiple", Section.NON_LIVE),
  PARALLEL("parallel", Section.NON_LIVE),
  PARALLEL_MULTIPLE("parallel_multiple", Section.NON_LIVE),
  JAVA("java", Section.NON_LIVE),
  JAVASCRIPT("javascript", Section.NON_LIVE),
  IRRELEVANCE("irrelevance", Section.NON_LIVE),
  LIVE_SIMPLE("live_simple", Section.LIVE),
  LIVE_MULTIPLE("live_multiple", Section.LIVE),
  LIVE_PARALLEL("live_parallel", Section.LIVE),
  LIVE_PARALLEL_MULTIPLE("live_parallel_multiple", Section.LIVE),
  LIVE_IRRELEVANCE("live_irrelevance", Section.LIVE),
  LIVE_RELEVANCE("live_relevance", Section.LIVE),
  MULTI_TURN_BASE("multi_turn_base", Section.MULTI_TURN),
  MULTI_TURN_MISS_FUNC("multi_turn_miss_func", Section.MULTI_TURN),
  MULTI_TURN_MISS_PARAM("multi_turn_miss_param", Section.MULTI_TURN),
  MULTI_TURN_LONG_CONTEXT("multi_turn_long_context", Section.MULTI_TURN);

  /** The three parts of the v3 overall score. */
  public enum Section {
    NON_LIVE,
    LIVE,
    MULTI_TURN
  }

  /** Which checker the official evaluator runs for a category. */
  public enum Checker {
    /** Exactly one call, compared with the first function doc. */
    SIMPLE,
    /** As many calls as answers; the first call is checked against the doc the answer names. */
    MULTIPLE,
    /** As many calls as answers, matched in any order. */
    PARALLEL_NO_ORDER,
    /** Correct iff the model made no call. */
    IRRELEVANCE,
    /** Correct iff the model made at least one call. */
    RELEVANCE,
    /** Executed state/response checking; looptool does not run it and takes verdicts instead. */
    MULTI_TURN
  }

  /** The language whose literal syntax model values arrive in. */
  public enum Language {
    PYTHON,
    JAVA,
    JAVASCRIPT
  }

  private final String id;
  private final Section section;

  BfclCategory(String id, Section section) {
    this.id = id;
    this.section = section;
  }

  /** The category name as BFCL writes it (e.g. {@code live_parallel_multiple}). */
  public String id() {
    return id;
  }

  public Section section() {
    return section;
  }

  /** The question file name, e.g. {@code BFCL_v3_simple.json}. */
  public String fileName() {
    return "BFCL_v3_" + id + ".json";
  }

  /** The official dispatch: relevance first, then "parallel", then "multiple", else simple. */
  public Checker checker() {
    if (section == Section.MULTI_TURN) {
      return Checker.MULTI_TURN;
    }
    if (id.contains("irrelevance")) {
      return Checker.IRRELEVANCE;
    }
    if (id.contains("relevance")) {
      return Checker.RELEVANCE;
    }
    if (id.contains("parallel")) {
      return Checker.PARALLEL_NO_ORDER;
    }
    if (id.contains("multiple")) {
      return Checker.MULTIPLE;
    }
    return Checker.SIMPLE;
  }

  public boolean isAst() {
    Checker c = checker();
    return c == Checker.SIMPLE || c == Checker.MULTIPLE || c == Checker.PARALLEL_NO_ORDER;
  }

  public Language language() {
    return switch (this) {
      case JAVA -> Language.JAVA;
      case JAVASCRIPT -> Language.JAVASCRIPT;
      default -> Language.PYTHON;
    };
  }

  public static Optional<BfclCategory> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }
}
