package dev.looptool.workflows.spec;

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
    Integer historyWindow) {

  public WorldSpec withDefaults() {
    return new WorldSpec(
        seed == null ? 7L : seed,
        tools == null ? 40 : tools,
        train == null ? 3000 : train,
        test == null ? 300 : test,
        noise == null ? 0.1 : noise,
        noiseMix == null ? Map.of() : SortedMaps.of(noiseMix),
        distractors,
        historyWindow);
  }
}
