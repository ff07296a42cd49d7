package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.benchmarks.ResultFile;
import dev.looptool.benchmarks.bfcl.BfclScore.Aggregate;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.LineError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores model results against BFCL-v3 with the leaderboard's v3 aggregation: non-live Simple is
 * the unweighted mean of simple, java and javascript; non-live AST the unweighted mean of Simple,
 * multiple, parallel and parallel_multiple; non-live overall adds irrelevance; live AST and overall
 * are weighted by entry count; multi-turn overall is the unweighted mean of its four categories;
 * the total is the unweighted mean of live, non-live and multi-turn overall.
 */
public final class BfclScorer {
  private final BfclDataset data;
  private final BfclChecker checker = new BfclChecker();

  public BfclScorer(BfclDataset data) {
    this.data = data;
  }

  /** Correct and total entries of one evaluated category. */
  public record Tally(int correct, int total) {}

  /**
   * Reads every result file in {@code resultsDir} named like a question file ({@code
   * BFCL_v3_<category>.json}); AST and relevance lines are {@code {"id", "calls"}}, multi-turn
   * lines carry the external verdict {@code {"id", "valid"}} (looptool does not execute
   * multi-turn). A file must cover each entry of its category exactly once.
   */
  public Map<BfclCategory, Tally> tallyResults(Path resultsDir) {
    if (!Files.isDirectory(resultsDir)) {
      throw new IllegalArgumentException("results directory " + resultsDir + " does not exist");
    }
    Map<BfclCategory, Tally> out = new EnumMap<>(BfclCategory.class);
    List<LineError> errors = new ArrayList<>();
    for (BfclCategory c : BfclCategory.values()) {
      Path file = resultsDir.resolve(c.fileName());
      if (!Files.exists(file)) {
        continue;
      }
      if (data.entries(c).isEmpty()) {
        errors.add(
            new LineError(
                file.toString(),
                0,
                "(file)",
                "the data directory has no entries for category " + c.id()));
        continue;
      }
      List<BfclEntry> entries = data.entries(c);
      int correct =
          ResultFile.countCorrect(
              file, errors, c.id(), entries, data::entry, (e, node) -> judge(c, e, node));
      out.put(c, new Tally(correct, entries.size()));
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return out;
  }

  /** Whether one result line is correct: a multi-turn verdict given, or the calls checked. */
  private boolean judge(BfclCategory c, BfclEntry e, JsonNode node) throws ResultFile.Problem {
    if (c.checker() == BfclCategory.Checker.MULTI_TURN) {
      JsonNode valid = node.get("valid");
      if (valid == null || !valid.isBoolean()) {
        throw new ResultFile.Problem(
            "valid",
            "multi-turn results must carry the verdict of a multi-turn evaluator as \"valid\": true|false");
      }
      return valid.booleanValue();
    }
    if (!node.has("calls")) {
      throw new ResultFile.Problem(
          "calls", "missing (use a string or null for output that could not be decoded)");
    }
    return checker
        .check(e, node.get("calls"), node.path("underscore_to_dot").asBoolean(false))
        .valid();
  }

  /** The score table for the given tallies; categories absent from them are not evaluated. */
  public BfclScore score(Map<BfclCategory, Tally> tallies) {
    Map<BfclCategory, BfclScore.Category> cats = new LinkedHashMap<>();
    for (BfclCategory c : BfclCategory.values()) {
      Tally t = tallies.get(c);
      int total = t != null ? t.total() : data.entries(c).size();
      double acc = t == null || total == 0 ? 0.0 : (double) t.correct() / total;
      cats.put(
          c,
          new BfclScore.Category(
              c.id(),
              c.section().name().toLowerCase(java.util.Locale.ROOT),
              t != null,
              t == null ? 0 : t.correct(),
              total,
              acc));
    }
    List<Aggregate> aggs = new ArrayList<>();
    Aggregate simple =
        unweighted(
            "non_live_simple_ast",
            true,
            cat(cats, BfclCategory.SIMPLE),
            cat(cats, BfclCategory.JAVA),
            cat(cats, BfclCategory.JAVASCRIPT));
    Aggregate multiple = cat(cats, BfclCategory.MULTIPLE);
    Aggregate parallel = cat(cats, BfclCategory.PARALLEL);
    Aggregate parallelMultiple = cat(cats, BfclCategory.PARALLEL_MULTIPLE);
    Aggregate irrelevance = cat(cats, BfclCategory.IRRELEVANCE);
    aggs.add(simple);
    Aggregate nonLiveAst =
        unweighted("non_live_ast", true, simple, multiple, parallel, parallelMultiple);
    aggs.add(nonLiveAst);
    Aggregate nonLive =
        unweighted(
            "non_live_overall", false, simple, multiple, parallel, parallelMultiple, irrelevance);
    aggs.add(nonLive);
    Aggregate[] liveAstParts = {
      cat(cats, BfclCategory.LIVE_SIMPLE), cat(cats, BfclCategory.LIVE_MULTIPLE),
      cat(cats, BfclCategory.LIVE_PARALLEL), cat(cats, BfclCategory.LIVE_PARALLEL_MULTIPLE)
    };
    aggs.add(weighted("live_ast", true, liveAstParts));
    Aggregate live =
        weighted(
            "live_overall",
            false,
            liveAstParts[0],
            liveAstParts[1],
            liveAstParts[2],
            liveAstParts[3],
            cat(cats, BfclCategory.LIVE_IRRELEVANCE),
            cat(cats, BfclCategory.LIVE_RELEVANCE));
    aggs.add(live);
    Aggregate multiTurn =
        unweighted(
            "multi_turn_overall",
            false,
            cat(cats, BfclCategory.MULTI_TURN_BASE),
            cat(cats, BfclCategory.MULTI_TURN_MISS_FUNC),
            cat(cats, BfclCategory.MULTI_TURN_MISS_PARAM),
            cat(cats, BfclCategory.MULTI_TURN_LONG_CONTEXT));
    aggs.add(multiTurn);
    aggs.add(unweighted("overall", false, live, nonLive, multiTurn));
    return new BfclScore(List.copyOf(cats.values()), aggs);
  }

  private static Aggregate cat(Map<BfclCategory, BfclScore.Category> cats, BfclCategory c) {
    BfclScore.Category s = cats.get(c);
    return new Aggregate(c.id(), s.accuracy(), s.total(), !s.evaluated());
  }

  /**
   * Upstream's unweighted mean; when {@code naIfMissing} is false the number is shown even if a
   * part was not evaluated (that part then counts as 0), unless no part was evaluated at all.
   */
  static Aggregate unweighted(String name, boolean naIfMissing, Aggregate... parts) {
    double sum = 0;
    int count = 0;
    boolean na = false;
    for (Aggregate p : parts) {
      sum += p.accuracy();
      count += p.totalCount();
      na |= p.notAvailable();
    }
    return new Aggregate(name, sum / parts.length, count, naIfMissing ? na : allMissing(parts));
  }

  /** An aggregate shown despite missing parts is still N/A when none of its parts was evaluated. */
  private static boolean allMissing(Aggregate... parts) {
    for (Aggregate p : parts) {
      if (!p.notAvailable()) {
        return false;
      }
    }
    return true;
  }

  static Aggregate weighted(String name, boolean naIfMissing, Aggregate... parts) {
    double sum = 0;
    int count = 0;
    boolean na = false;
    for (Aggregate p : parts) {
      sum += p.accuracy() * p.totalCount();
      count += p.totalCount();
      na |= p.notAvailable();
    }
    return new Aggregate(
        name, count == 0 ? 0 : sum / count, count, naIfMissing ? na : allMissing(parts));
  }
}
