package dev.looptool.world.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.world.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * API synthesis: samples capabilities from the context tree together with a constraint tree each
 * and turns them into tool specs with parameter and result schemas. Whole sub-domains are taken
 * together so that producer/consumer pairs (search → book) arrive as pairs; when more tools are
 * asked for than the tree has capabilities, further API providers offer the same capabilities under
 * their own names.
 */
public final class ApiSynthesizer {
  static final String[] PROVIDERS = {
    "acme", "globex", "initech", "umbrella", "stark", "wayne", "hooli", "vandelay"
  };

  private ApiSynthesizer() {}

  /** Synthesises {@code count} tools; the same seed gives the same catalog. */
  public static List<WorldTool> synthesize(long seed, int count, boolean resultSchemaInPrompt) {
    return synthesize(seed, count, resultSchemaInPrompt, true);
  }

  /**
   * Synthesises {@code count} tools; prompt specs drop result schemas or parameter descriptions
   * unless asked.
   */
  public static List<WorldTool> synthesize(
      long seed, int count, boolean resultSchemaInPrompt, boolean parameterDescriptionsInPrompt) {
    if (count < 1) {
      throw new IllegalArgumentException("tools must be at least 1, got " + count);
    }
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Map<String, List<Capability>> groups = new LinkedHashMap<>();
    for (Capability c : ContextTree.CAPABILITIES) {
      groups.computeIfAbsent(c.domain() + "/" + c.subdomain(), k -> new ArrayList<>()).add(c);
    }
    List<List<Capability>> order = new ArrayList<>(groups.values());
    List<WorldTool> out = new ArrayList<>(count);
    Set<String> names = new HashSet<>();
    for (int round = 0; out.size() < count; round++) {
      Seeds.shuffle(order, rng);
      String provider =
          round == 0
              ? null
              : PROVIDERS[(round - 1) % PROVIDERS.length]
                  + (round > PROVIDERS.length ? Integer.toString(round) : "");
      for (List<Capability> group : order) {
        for (Capability c : group) {
          if (out.size() == count) {
            break;
          }
          WorldTool t =
              build(
                  c,
                  ConstraintTree.draw(rng),
                  provider,
                  rng,
                  resultSchemaInPrompt,
                  parameterDescriptionsInPrompt);
          if (names.add(t.name())) {
            out.add(t);
          }
        }
      }
    }
    return out;
  }

  static WorldTool build(
      Capability c,
      ConstraintTree ct,
      String provider,
      SplittableRandom rng,
      boolean resultSchemaInPrompt,
      boolean parameterDescriptionsInPrompt) {
    String base = provider == null ? c.key() : provider + "_" + c.key();
    String name = ct.naming().spell(base, c.domain());
    List<WorldTool.Param> params = new ArrayList<>();
    for (ParamKind k : c.required()) {
      params.add(new WorldTool.Param(ct.naming().spellParam(k.key()), k, true, null));
    }
    List<ParamKind> optional = new ArrayList<>(c.optional());
    int take;
    switch (ct.budget()) {
      case REQUIRED_ONLY:
        take = 0;
        break;
      case UP_TO_THREE:
        take = Math.max(0, Math.min(optional.size(), 3 - c.required().size()));
        take = take == 0 ? 0 : 1 + rng.nextInt(take);
        break;
      default:
        take = optional.size();
    }
    Seeds.shuffle(optional, rng);
    for (int i = 0; i < take; i++) {
      ParamKind k = optional.get(i);
      JsonNode def = null;
      if (rng.nextDouble() < ct.defaultRate()) {
        def = k.type() == ParamType.BOOLEAN ? Json.NODES.booleanNode(false) : k.draw(rng);
      }
      params.add(new WorldTool.Param(ct.naming().spellParam(k.key()), k, false, def));
    }
    JsonSchema.Builder p = JsonSchema.builder("object");
    for (WorldTool.Param prm : params) {
      JsonSchema s = prm.kind().schema(true);
      if (prm.defaultValue() != null) {
        ObjectNode n = s.node().deepCopy();
        n.set("default", prm.defaultValue());
        s = JsonSchema.wrapOwned(n);
      }
      p.property(prm.name(), s, prm.required());
    }
    if (params.stream().noneMatch(WorldTool.Param::required)) {
      p.set("required", Json.array());
    }
    String description =
        provider == null
            ? c.description()
            : c.description().replaceAll("\\.$", "") + " (" + cap(provider) + " API).";
    String idField = c.produces() == null ? null : ct.naming().spellParam(c.produces().key());
    JsonSchema fields = resultFields(c, ct, idField);
    JsonSchema returns;
    String idPointer = null;
    switch (ct.output()) {
      case LIST:
        returns =
            JsonSchema.builder("object")
                .property("results", JsonSchema.builder("array").items(fields).build(), true)
                .property("count", JsonSchema.builder("integer").build(), true)
                .build();
        idPointer = idField == null ? null : "/results/0/" + idField;
        break;
      case STATUS:
        {
          ObjectNode n = fields.node().deepCopy();
          ObjectNode props = Json.object();
          props.set(
              "status",
              JsonSchema.builder("string").enumValues(List.of("ok", "accepted")).build().node());
          props.setAll((ObjectNode) n.get("properties"));
          n.set("properties", props);
          ArrayNode required = Json.array();
          required.add("status");
          if (n.get("required") instanceof ArrayNode) {
            required.addAll((ArrayNode) n.get("required"));
          }
          n.set("required", required);
          returns = JsonSchema.wrapOwned(n);
          idPointer = idField == null ? null : "/" + idField;
          break;
        }
      default:
        returns = fields;
        idPointer = idField == null ? null : "/" + idField;
    }
    JsonSchema parameters = p.build();
    ToolSpec spec = new ToolSpec(name, description, parameters, returns);
    JsonSchema promptParameters = parameters;
    if (!parameterDescriptionsInPrompt) {
      ObjectNode n = parameters.node().deepCopy();
      n.path("properties").forEach(prop -> ((ObjectNode) prop).remove("description"));
      promptParameters = JsonSchema.wrapOwned(n);
    }
    ToolSpec promptSpec =
        resultSchemaInPrompt && parameterDescriptionsInPrompt
            ? spec
            : new ToolSpec(
                name, description, promptParameters, resultSchemaInPrompt ? returns : null);
    return new WorldTool(spec, promptSpec, c, ct, provider, List.copyOf(params), idPointer);
  }

  private static JsonSchema resultFields(Capability c, ConstraintTree ct, String idField) {
    JsonSchema.Builder b = JsonSchema.builder("object");
    if (idField != null) {
      b.property(idField, c.produces().schema(false), true);
    }
    for (ParamKind k : c.result()) {
      b.property(ct.naming().spellParam(k.key()), k.schema(false), true);
    }
    return b.build();
  }

  private static String cap(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
