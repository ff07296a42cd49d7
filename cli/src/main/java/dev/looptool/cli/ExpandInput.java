package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.correct.Correction;
import dev.looptool.core.correct.VerdictAction;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input lines of {@code looptool expand}: each becomes the failure the loop's expand stage
 * would build from the same sample, prediction and verdict (core's verdict table and {@link
 * Correction#failure}), or says why it is not one.
 */
final class ExpandInput {
  /** A judgement from `looptool judge` output. */
  private record Judged(Verdict verdict, boolean consensus, String analysis) {}

  private final Path judgements;
  private final Map<String, Judged> judged;
  private final int iteration;

  /** Reads {@code judgements} (may be null: every line carries its verdict). */
  ExpandInput(Path judgements, int iteration) throws IOException {
    this.judgements = judgements;
    this.judged = judgements == null ? Map.of() : readJudgements(judgements);
    this.iteration = iteration;
  }

  /** A well-formed line that is not a failure to expand (other verdict, no consensus). */
  static final class NotExpanded extends Exception {
    NotExpanded(String message) {
      super(message);
    }
  }

  /** The failure a line stands for, as the loop's expand stage would build it. */
  Failure decode(JsonlReader.Line l) throws FormatException, NotExpanded {
    if (!l.ok()) {
      throw new FormatException("$", l.error());
    }
    JsonNode n = l.json();
    Sample sample = PredictionLines.sample(n);
    String prediction = PredictionLines.prediction(n);
    Verdict verdict;
    String analysis;
    boolean consensus = true;
    if (n.hasNonNull("verdict")) {
      try {
        verdict = Verdict.valueOf(n.get("verdict").asText());
      } catch (IllegalArgumentException e) {
        throw new FormatException(
            "verdict",
            "must be one of PRED_WRONG, LABEL_WRONG, BOTH_CORRECT, BOTH_WRONG, UNCERTAIN, UNPARSEABLE");
      }
      analysis = n.path("analysis").asText("");
      if (n.has("consensus")) {
        consensus = n.get("consensus").asBoolean();
      }
    } else {
      Judged j = judged.get(sample.id());
      if (j == null) {
        throw new FormatException(
            "verdict",
            judgements == null
                ? "required (or pass --judgements with `looptool judge` output)"
                : "no judgement for id '" + sample.id() + "' in " + judgements);
      }
      verdict = j.verdict();
      analysis = j.analysis();
      consensus = j.consensus();
    }
    // The expand stage's own choice: the verdict table of core, the same failure it builds.
    Correction.Mismatch m =
        new Correction.Mismatch(
            sample,
            prediction,
            new Judgement(sample.id(), verdict, consensus, analysis, List.of()));
    if (!VerdictAction.of(verdict, true).verifiedFailure()) {
      throw new NotExpanded(
          "not expanded: only PRED_WRONG and LABEL_WRONG failures are, this one is " + verdict);
    }
    if (!m.action().verifiedFailure()) {
      throw new NotExpanded("not expanded: the " + verdict + " verdict has no consensus");
    }
    ParsedOutput pred = HermesFormat.parse(prediction);
    if (verdict == Verdict.LABEL_WRONG && !pred.parsed()) {
      // The loop would make the unparsed text the new label; a file handed to this command is
      // checked more strictly, since its author can fix the line.
      throw new FormatException(
          "prediction",
          "a LABEL_WRONG verdict needs a parseable prediction to become the label: "
              + pred.error());
    }
    return Correction.failure(m, iteration).orElseThrow();
  }

  /**
   * The judgements of {@code looptool judge} output by sample id.
   *
   * @throws BadDataException naming the file, line and field of the first bad line, which the
   *     command reports as one line (an I/O error would reach the operator as a stack trace)
   */
  private static Map<String, Judged> readJudgements(Path file) throws IOException {
    Map<String, Judged> out = new HashMap<>();
    try (JsonlReader r = JsonlReader.open(file)) {
      while (r.hasNext()) {
        JsonlReader.Line l = r.next();
        if (!l.ok() || !l.json().hasNonNull("id") || !l.json().hasNonNull("verdict")) {
          throw new BadDataException(
              List.of(
                  new LineError(
                      file.toString(),
                      l.number(),
                      l.ok() ? "verdict" : "$",
                      l.ok() ? "a judgement needs \"id\" and \"verdict\"" : l.error())));
        }
        Verdict v;
        try {
          v = Verdict.valueOf(l.json().get("verdict").asText());
        } catch (IllegalArgumentException e) {
          throw new BadDataException(
              List.of(
                  new LineError(
                      file.toString(),
                      l.number(),
                      "verdict",
                      "unknown verdict " + l.json().get("verdict"))));
        }
        out.put(
            l.json().get("id").asText(),
            new Judged(
                v,
                l.json().path("consensus").asBoolean(false),
                l.json().path("analysis").asText("")));
      }
    }
    return out;
  }
}
