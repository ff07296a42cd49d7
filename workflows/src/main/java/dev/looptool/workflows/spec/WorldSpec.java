package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings of the synthetic world that builds seed data: seed, number of tools, pool and held-out
 * test sizes, label-noise rate and mix, prompt size (tools per prompt, history window).
 */
public record WorldSpec(
    Long seed,
    Integer tools,
    Integer train,
    Integer test,
    Double noise,
    Map<String, Double> noiseMix,
    Integer distractors,
    Integer historyWindow)
    implements Defaultable<WorldSpec> {
  /**
   * The default world; an empty noise mix weighs all kinds equally, and unset prompt sizes are the
   * world generator's own.
   */
  static final ObjectNode DEFAULTS =
      SpecDefaults.document()
          .put("seed", 7L)
          .put("tools", 40)
          .put("train", 3000)
          .put("test", 300)
          .put("noise", 0.1)
          .set("noiseMix", SpecDefaults.document());

  public WorldSpec {
    noiseMix = noiseMix == null ? null : SortedMaps.of(noiseMix);
  }

  @Override
  public WorldSpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }

  /**
   * Problems of this spec after {@link #withDefaults()}, each prefixed with {@code path}, the field
   * that holds it ({@code data.world} in a run spec); empty when valid.
   */
  public List<String> problems(String path) {
    List<String> p = new ArrayList<>();
    if (train < 2) {
      p.add(path + ".train: must be at least 2");
    }
    if (test < 1) {
      p.add(path + ".test: must be at least 1");
    }
    if (tools < 1) {
      p.add(path + ".tools: must be at least 1");
    }
    if (noise < 0 || noise > 1) {
      p.add(path + ".noise: must be within [0, 1]");
    }
    return p;
  }
}
