package dev.looptool.world.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.model.ToolSpec;
import java.util.List;

/**
 * A synthesised tool with what the world knows about it: its spec (with the result schema), the
 * capability and constraints it was drawn from, and each parameter's meaning.
 *
 * @param spec the OpenAI-style spec with parameters and result ({@code returns}) schemas
 * @param promptSpec the spec samples carry: the same, without the result schema unless configured
 * @param provider the API provider a repeated capability is attributed to, or null
 * @param idPointer JSON pointer to the produced id inside a result, or null when none is produced
 */
public record WorldTool(
    ToolSpec spec,
    ToolSpec promptSpec,
    Capability capability,
    ConstraintTree constraints,
    String provider,
    List<Param> params,
    String idPointer) {

  /** One declared parameter: its spelled name, its meaning, and whether it is required. */
  public record Param(String name, ParamKind kind, boolean required, JsonNode defaultValue) {}

  public String name() {
    return spec.name();
  }

  public String domain() {
    return capability.domain();
  }

  /** The parameter that a previous step's id feeds, or null. */
  public Param consumedParam() {
    if (capability.consumes() == null) {
      return null;
    }
    for (Param p : params) {
      if (p.kind() == capability.consumes()) {
        return p;
      }
    }
    return null;
  }

  public Param param(String name) {
    for (Param p : params) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }
}
