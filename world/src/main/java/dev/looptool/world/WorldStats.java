package dev.looptool.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import dev.looptool.world.synth.ParamType;
import dev.looptool.world.synth.WorldTool;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of what a world generated, written as stats.json: samples by split, shape, domain, the
 * parameter types of the tools and of the true calls, noise by kind (and how many noisy labels the
 * rules can see), and rejects by reason. Maps are sorted so the file is byte-stable.
 */
public final class WorldStats {
  private final Map<String, Long> splits = new TreeMap<>();
  private final Map<String, Map<String, Long>> shapes = new TreeMap<>();
  private final Map<String, Map<String, Long>> domains = new TreeMap<>();
  private final Map<String, Long> callParamTypes = new TreeMap<>();
  private final Map<String, Long> toolParamTypes = new TreeMap<>();
  private final Map<String, Long> toolParamCounts = new TreeMap<>();
  private final Map<String, Long> toolOutputs = new TreeMap<>();
  private final Map<String, Long> toolNaming = new TreeMap<>();
  private final Map<String, Long> toolDomains = new TreeMap<>();
  private final Map<String, Long> personas = new TreeMap<>();
  private final Map<String, Long> noise = new TreeMap<>();
  private final Map<String, Long> rejects = new TreeMap<>();
  private long noiseInvalid;
  private long dialogues;
  private long testOverlap;
  private long samplesRendered;

  void tools(List<WorldTool> tools) {
    for (WorldTool t : tools) {
      int n = t.params().size();
      inc(toolParamCounts, n == 0 ? "0" : n <= 3 ? "1-3" : "4+");
      inc(toolOutputs, t.constraints().output().wireName());
      inc(toolNaming, t.constraints().naming().name().toLowerCase(java.util.Locale.ROOT));
      inc(toolDomains, t.domain());
      for (WorldTool.Param p : t.params()) {
        inc(toolParamTypes, p.kind().type().statName());
      }
    }
  }

  void testOverlap() {
    testOverlap++;
  }

  public long testOverlapSkipped() {
    return testOverlap;
  }

  void dialogue() {
    dialogues++;
  }

  void sample(WorldSample ws, String persona, Map<String, WorldTool> byName) {
    String split = ws.truth().split().wireName();
    inc(splits, split);
    inc(shapes.computeIfAbsent(split, k -> new TreeMap<>()), ws.truth().shape().wireName());
    inc(domains.computeIfAbsent(split, k -> new TreeMap<>()), ws.truth().domain());
    if (persona != null) {
      inc(personas, persona);
    }
    for (ToolCall c : ws.truth().label().calls()) {
      WorldTool t = byName.get(c.name());
      if (t == null) {
        continue;
      }
      for (WorldTool.Param p : t.params()) {
        if (c.arguments().has(p.name())) {
          ParamType type = p.kind().type();
          inc(callParamTypes, type.statName());
        }
      }
    }
    if (ws.truth().noise() != null) {
      inc(noise, ws.truth().noise().wireName());
      if (ws.truth().noiseInvalid()) {
        noiseInvalid++;
      }
    }
    samplesRendered++;
  }

  void reject(Reject r) {
    String reason = r.reason();
    int colon = reason.indexOf(':');
    inc(rejects, colon > 0 ? reason.substring(0, colon) : reason);
  }

  public long samples() {
    return samplesRendered;
  }

  public long count(Split split) {
    return splits.getOrDefault(split.wireName(), 0L);
  }

  public long shapeCount(Split split, Shape shape) {
    return shapes.getOrDefault(split.wireName(), Map.of()).getOrDefault(shape.wireName(), 0L);
  }

  public long noiseCount(NoiseKind kind) {
    return noise.getOrDefault(kind.wireName(), 0L);
  }

  public long noisyTotal() {
    return noise.values().stream().mapToLong(Long::longValue).sum();
  }

  public long noiseInvalid() {
    return noiseInvalid;
  }

  public long rejectCount() {
    return rejects.values().stream().mapToLong(Long::longValue).sum();
  }

  public long dialogues() {
    return dialogues;
  }

  /** stats.json. */
  public ObjectNode toJson(WorldConfig config) {
    ObjectNode o = Json.object();
    ObjectNode cfg = o.putObject("config");
    cfg.put("seed", config.seed());
    cfg.put("tools", config.tools());
    cfg.put("train", config.train());
    cfg.put("test", config.test());
    cfg.put("noise_rate", config.noiseRate());
    ObjectNode mix = cfg.putObject("noise_mix");
    config.noiseMix().forEach((k, v) -> mix.put(k.wireName(), v));
    ObjectNode sm = cfg.putObject("shape_mix");
    config.shapeMix().forEach((k, v) -> sm.put(k.wireName(), v));
    cfg.put("distractors", config.distractors());
    cfg.put("history_window", config.historyWindow());
    cfg.put("prior_exchanges", config.priorExchanges());
    cfg.put("result_schema_in_prompt", config.resultSchemaInPrompt());
    cfg.put("parameter_descriptions_in_prompt", config.parameterDescriptionsInPrompt());
    o.put("dialogues", dialogues);
    o.put("test_overlap_skipped", testOverlap);
    o.set("samples", map(splits));
    ObjectNode sh = o.putObject("shape");
    shapes.forEach((k, v) -> sh.set(k, map(v)));
    ObjectNode dm = o.putObject("domain");
    domains.forEach((k, v) -> dm.set(k, map(v)));
    o.set("persona", map(personas));
    o.set("parameter_type_in_true_calls", map(callParamTypes));
    ObjectNode tools = o.putObject("tools");
    tools.set("domain", map(toolDomains));
    tools.set("parameter_type", map(toolParamTypes));
    tools.set("parameter_count", map(toolParamCounts));
    tools.set("output_format", map(toolOutputs));
    tools.set("naming", map(toolNaming));
    ObjectNode n = o.putObject("noise");
    long noisy = noisyTotal();
    long pool = count(Split.POOL);
    n.put("noisy", noisy);
    n.put("rate_observed", pool == 0 ? 0.0 : Math.round(1e6 * noisy / (double) pool) / 1e6);
    n.put("invalid_by_noise", noiseInvalid);
    n.put("valid_but_wrong", noisy - noiseInvalid);
    n.set("kind", map(noise));
    ObjectNode rj = o.putObject("rejects");
    rj.put("total", rejectCount());
    rj.set("reason", map(rejects));
    return o;
  }

  private static ObjectNode map(Map<String, Long> m) {
    ObjectNode o = Json.object();
    m.forEach(o::put);
    return o;
  }

  private static void inc(Map<String, Long> m, String k) {
    m.merge(k, 1L, Long::sum);
  }
}
