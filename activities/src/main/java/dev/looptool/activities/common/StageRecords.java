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
    ObjectNode o = Json.object();
    o.set("sample", SampleJson.toTree(p.sample()));
    o.set("probe", Json.MAPPER.valueToTree(p.probe()));
    return o;
  }

  public static Probed readProbed(JsonNode o, String where) throws IOException {
    try {
      return new Probed(
          SampleJson.read(o.get("sample")),
          Json.MAPPER.treeToValue(o.get("probe"), ProbeResult.class));
    } catch (FormatException e) {
      throw new IOException(where + ": sample." + e.field() + ": " + e.getMessage());
    }
  }

  public static ObjectNode write(Judged j) {
    ObjectNode o = Json.object();
    o.set("sample", SampleJson.toTree(j.sample()));
    o.set("probe", Json.MAPPER.valueToTree(j.probe()));
    o.put("rule", j.rule());
    o.set("judgement", Json.MAPPER.valueToTree(j.judgement()));
    return o;
  }

  public static Judged readJudged(JsonNode o, String where) throws IOException {
    try {
      return new Judged(
          SampleJson.read(o.get("sample")),
          Json.MAPPER.treeToValue(o.get("probe"), ProbeResult.class),
          o.path("rule").asText(null),
          Json.MAPPER.treeToValue(o.get("judgement"), Judgement.class));
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
