package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
