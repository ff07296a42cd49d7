package dev.looptool.activities.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import java.io.IOException;

/**
 * The records sharded stages write: a probed sample (the sample and its probe result), a judged
 * mismatch (sample, probe, rule-tier outcome, judgement), and a rejected sample with its reason.
 * Each record carries its sample whole, so every shard can be processed on its own.
 */
public final class StageRecords {
  private StageRecords() {}

  /** A sample and what greedy probing made of it. */
  public record Probed(Sample sample, ProbeResult probe) {}

  /** A mismatch and the verdict on it. */
  public record Judged(Sample sample, ProbeResult probe, String rule, Judgement judgement) {}

  public static ObjectNode write(Probed p) {
    return sampleAndProbe(p.sample(), p.probe());
  }

  public static Probed readProbed(JsonNode o, String where) throws IOException {
    return read(where, () -> new Probed(sample(o), probe(o)));
  }

  public static ObjectNode write(Judged j) {
    ObjectNode o = sampleAndProbe(j.sample(), j.probe());
    o.put("rule", j.rule());
    o.set("judgement", Json.MAPPER.valueToTree(j.judgement()));
    return o;
  }

  public static Judged readJudged(JsonNode o, String where) throws IOException {
    return read(
        where,
        () ->
            new Judged(
                sample(o),
                probe(o),
                o.path("rule").asText(null),
                Json.MAPPER.treeToValue(o.get("judgement"), Judgement.class)));
  }

  /** Reads one record of a stage's shard, {@code where} naming the shard in errors. */
  @FunctionalInterface
  interface Reader<T> {
    T read(JsonNode o, String where) throws IOException;
  }

  private static Sample sample(JsonNode o) throws FormatException {
    return SampleJson.read(o.get("sample"));
  }

  private static ProbeResult probe(JsonNode o) throws IOException {
    return Json.MAPPER.treeToValue(o.get("probe"), ProbeResult.class);
  }

  private static ObjectNode sampleAndProbe(Sample s, ProbeResult probe) {
    ObjectNode o = Json.object();
    o.set("sample", SampleJson.toTree(s));
    o.set("probe", Json.MAPPER.valueToTree(probe));
    return o;
  }

  private interface Decoding<T> {
    T decode() throws IOException, FormatException;
  }

  /** Decodes a record; a bad sample is an IOException naming {@code where} and the field. */
  private static <T> T read(String where, Decoding<T> decoding) throws IOException {
    try {
      return decoding.decode();
    } catch (FormatException e) {
      throw new IOException(where + ": sample." + e.field() + ": " + e.getMessage());
    }
  }

  /** A sample leaving the pool (BOTH_WRONG, failed validation), with why and when. */
  public static ObjectNode rejected(Sample s, String reason, String stage, int iteration) {
    ObjectNode o = Json.object();
    o.put("reason", reason);
    o.put("stage", stage);
    o.put("iteration", iteration);
    o.set("sample", SampleJson.toTree(s));
    return o;
  }
}
