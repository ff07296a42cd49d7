package dev.looptool.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.dedup.Fingerprint;
import dev.looptool.core.dedup.SeenSamples;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.validate.SampleValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a generator's free-form answer into samples: every JSON value in the text (inside code
 * fences or prose) is read; arrays, {@code {"samples": [...]}} wrappers and bare sample objects are
 * accepted. Each candidate gets the source's tools when it names none, a content-derived id and
 * EXPANDED provenance, then must pass the sample codec and the rule checks; duplicates of the
 * source or of each other (by {@link Fingerprint}, as the loop de-duplicates) are dropped. Nothing
 * is lost silently: every candidate that does not become a sample is a reject with its reason.
 */
public final class GeneratedSamples {
  private GeneratedSamples() {}

  /** A candidate that did not become a sample: which one, the field at fault and why. */
  public record Reject(int index, String field, String reason, String snippet) {}

  public record Result(List<Sample> samples, List<Reject> rejects) {}

  public static Result parse(String answer, Failure failure) {
    String text = HermesFormat.stripThinking(answer == null ? "" : answer);
    List<JsonNode> candidates = new ArrayList<>();
    for (JsonNode v : LlmJson.values(text)) {
      collect(v, candidates);
    }
    List<Sample> samples = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    if (candidates.isEmpty()) {
      rejects.add(new Reject(0, "$", "the answer holds no JSON sample", abbreviate(text.strip())));
      return new Result(samples, rejects);
    }
    Sample source = failure.sample();
    JsonNode sourceTools = SampleJson.toTree(source).get("tools");
    SeenSamples seen = new SeenSamples();
    seen.add(source.withLabel(failure.correct(), source.provenance()));
    for (int i = 0; i < candidates.size(); i++) {
      JsonNode c = candidates.get(i);
      if (!c.isObject()) {
        rejects.add(
            new Reject(
                i, "$", "a generated case must be a JSON object", abbreviate(Json.compact(c))));
        continue;
      }
      ObjectNode o = ((ObjectNode) c).deepCopy();
      if (!o.hasNonNull("tools")) {
        o.set("tools", sourceTools.deepCopy());
      }
      o.put("id", "pending");
      o.remove("provenance");
      Sample s;
      try {
        s = SampleJson.read(o);
      } catch (FormatException e) {
        rejects.add(new Reject(i, e.field(), e.getMessage(), abbreviate(Json.compact(c))));
        continue;
      }
      List<SampleValidator.Problem> problems = SampleValidator.validate(s);
      if (!problems.isEmpty()) {
        rejects.add(
            new Reject(
                i,
                problems.get(0).field(),
                "rule check: " + problems,
                abbreviate(Json.compact(c))));
        continue;
      }
      if (!seen.add(s)) {
        rejects.add(
            new Reject(
                i,
                "$",
                "duplicate of the source or of an earlier case",
                abbreviate(Json.compact(c))));
        continue;
      }
      String id =
          source.id() + "~e" + failure.iteration() + "-" + Fingerprint.of(s).substring(0, 12);
      samples.add(
          new Sample(
              id,
              s.tools(),
              s.messages(),
              s.label(),
              Provenance.expanded(source.id(), failure.iteration()),
              s.meta()));
    }
    return new Result(samples, rejects);
  }

  private static void collect(JsonNode v, List<JsonNode> out) {
    if (v.isArray()) {
      v.forEach(out::add);
    } else if (v.isObject()
        && v.has("samples")
        && v.get("samples").isArray()
        && !v.has("messages")) {
      v.get("samples").forEach(out::add);
    } else if (v.isObject()) {
      out.add(v);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 297) + "...";
  }
}
