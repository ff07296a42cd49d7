package dev.looptool.world.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.ToolAgent;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.world.synth.Catalog;
import dev.looptool.world.synth.ConstraintTree;
import dev.looptool.world.synth.ParamKind;
import dev.looptool.world.synth.WorldTool;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated tool: returns a result that satisfies the tool's result schema, with values from
 * the world's pools for world tools, and schema-driven values for tools it does not know.
 */
public final class SimulatedTool implements ToolAgent {
  private final Catalog catalog;

  public SimulatedTool(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public JsonNode respond(ToolSpec tool, ToolCall call, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    WorldTool t = catalog.get(tool.name());
    if (t == null) {
      return tool.returns() == null
          ? Json.object().put("status", "ok")
          : fromSchema(tool.returns(), rng, 0);
    }
    ConstraintTree.OutputFormat format = t.constraints().output();
    if (format == ConstraintTree.OutputFormat.LIST) {
      ObjectNode out = Json.object();
      ArrayNode results = out.putArray("results");
      int n = 1 + rng.nextInt(3);
      for (int i = 0; i < n; i++) {
        results.add(fields(t, rng));
      }
      out.put("count", n);
      return out;
    }
    ObjectNode out = Json.object();
    if (format == ConstraintTree.OutputFormat.STATUS) {
      out.put("status", rng.nextInt(4) == 0 ? "accepted" : "ok");
    }
    out.setAll(fields(t, rng));
    return out;
  }

  private static ObjectNode fields(WorldTool t, SplittableRandom rng) {
    ObjectNode o = Json.object();
    ParamKind id = t.capability().produces();
    ConstraintTree.Naming naming = t.constraints().naming();
    if (id != null) {
      o.set(naming.spellParam(id.key()), id.draw(rng));
    }
    for (ParamKind k : t.capability().result()) {
      o.set(naming.spellParam(k.key()), k.draw(rng));
    }
    return o;
  }

  /** A value for any schema: what a tool the world did not synthesise returns. */
  static JsonNode fromSchema(JsonSchema s, SplittableRandom rng, int depth) {
    List<JsonNode> en = s.enumValues();
    if (en != null && !en.isEmpty()) {
      return en.get(rng.nextInt(en.size())).deepCopy();
    }
    String type = s.type() == null ? "string" : s.type();
    switch (type) {
      case "object":
      case "dict":
        {
          ObjectNode o = Json.object();
          if (depth < 4) {
            for (Map.Entry<String, JsonSchema> e : s.properties().entrySet()) {
              o.set(e.getKey(), fromSchema(e.getValue(), rng, depth + 1));
            }
          }
          return o;
        }
      case "array":
        {
          ArrayNode a = Json.array();
          if (s.items() != null && depth < 4) {
            a.add(fromSchema(s.items(), rng, depth + 1));
          }
          return a;
        }
      case "integer":
        return Json.NODES.numberNode(rng.nextInt(100));
      case "number":
        return Json.NODES.numberNode(java.math.BigDecimal.valueOf(rng.nextInt(10000), 2));
      case "boolean":
        return Json.NODES.booleanNode(rng.nextBoolean());
      default:
        if ("date".equals(s.format())) {
          return Json.NODES.textNode("2026-0" + (1 + rng.nextInt(9)) + "-1" + rng.nextInt(10));
        }
        if ("time".equals(s.format())) {
          return Json.NODES.textNode("1" + rng.nextInt(10) + ":00");
        }
        if ("date-time".equals(s.format())) {
          return Json.NODES.textNode(
              "2026-0"
                  + (1 + rng.nextInt(9))
                  + "-1"
                  + rng.nextInt(10)
                  + "T1"
                  + rng.nextInt(10)
                  + ":00");
        }
        return Json.NODES.textNode("ok");
    }
  }
}
