package dev.looptool.workflows.loop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.workflows.spec.RunSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies JSON merge patches (RFC 7386) to run specs: pure and deterministic, safe in workflow
 * code.
 */
public final class SpecPatch {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private SpecPatch() {}

  /**
   * The spec with the patch applied and defaults filled in; throws IllegalArgumentException on bad
   * input.
   */
  public static RunSpec apply(RunSpec current, Map<String, Object> patch) {
    if (patch == null || patch.isEmpty()) {
      throw new IllegalArgumentException("the settings patch is empty");
    }
    if (patch.containsKey("data")) {
      throw new IllegalArgumentException("data: cannot change once the run's seed data exists");
    }
    JsonNode target = MAPPER.valueToTree(current);
    JsonNode merged = merge(target, MAPPER.valueToTree(patch));
    RunSpec next;
    try {
      next = MAPPER.treeToValue(merged, RunSpec.class).withDefaults();
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "the settings patch does not fit the run spec: " + e.getMessage());
    }
    List<String> problems = next.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return next;
  }

  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode out =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
      }
    }
    return out;
  }
}
