package dev.looptool.world.synth;

import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The world's synthesised tools with the lookups dialogue simulation needs: by name, by domain, and
 * the producer → consumer pairs (same provider, the consumer takes the id the producer returns)
 * that dependent multi-step dialogues chain.
 */
public final class Catalog {
  private final List<WorldTool> tools;
  private final Map<String, WorldTool> byName = new HashMap<>();
  private final Map<String, List<WorldTool>> byDomain = new LinkedHashMap<>();
  private final List<WorldTool[]> pairs = new ArrayList<>();
  private final List<ToolSpec> specs;

  public Catalog(List<WorldTool> tools) {
    this.tools = List.copyOf(tools);
    List<ToolSpec> s = new ArrayList<>(tools.size());
    for (WorldTool t : tools) {
      byName.put(t.name(), t);
      byDomain.computeIfAbsent(t.domain(), k -> new ArrayList<>()).add(t);
      s.add(t.spec());
    }
    this.specs = List.copyOf(s);
    for (WorldTool consumer : tools) {
      ParamKind need = consumer.capability().consumes();
      if (need == null || consumer.consumedParam() == null) {
        continue;
      }
      for (WorldTool producer : tools) {
        if (producer.capability().produces() == need
            && producer.idPointer() != null
            && Objects.equals(producer.provider(), consumer.provider())) {
          pairs.add(new WorldTool[] {producer, consumer});
        }
      }
    }
  }

  /**
   * Synthesises the catalog of a world; prompt specs include result schemas and parameter
   * descriptions as asked.
   */
  public static Catalog synthesize(
      long seed, int count, boolean resultSchemaInPrompt, boolean parameterDescriptionsInPrompt) {
    return new Catalog(
        ApiSynthesizer.synthesize(
            seed, count, resultSchemaInPrompt, parameterDescriptionsInPrompt));
  }

  public static Catalog synthesize(long seed, int count, boolean resultSchemaInPrompt) {
    return synthesize(seed, count, resultSchemaInPrompt, true);
  }

  public List<WorldTool> tools() {
    return tools;
  }

  /** The full specs (with result schemas), in catalog order. */
  public List<ToolSpec> specs() {
    return specs;
  }

  public WorldTool get(String name) {
    return byName.get(name);
  }

  public List<WorldTool> inDomain(String domain) {
    return byDomain.getOrDefault(domain, List.of());
  }

  /** Producer → consumer pairs, each as {producer, consumer}. */
  public List<WorldTool[]> dependentPairs() {
    return Collections.unmodifiableList(pairs);
  }

  public int size() {
    return tools.size();
  }
}
