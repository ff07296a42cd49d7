package dev.looptool.world.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * The context tree of API synthesis: domains, their sub-domains and the capabilities under each.
 * Producer/consumer pairs (search → book) share a sub-domain so that dependent multi-step dialogues
 * can chain them.
 *
 * <p>The tree is data: {@code synthesis-tables.json} beside this class lists the capabilities in
 * tree order with the kinds they take and return and the value pools those draw from ({@link
 * SynthesisTables} reads it).
 */
public final class ContextTree {
  private ContextTree() {}

  /** Every capability, grouped in tree order (domain, sub-domain). */
  public static final List<Capability> CAPABILITIES =
      SynthesisTables.load(SynthesisTables.RESOURCE).capabilities();

  /** Domains in tree order. */
  public static List<String> domains() {
    List<String> out = new ArrayList<>();
    for (Capability c : CAPABILITIES) {
      if (!out.contains(c.domain())) {
        out.add(c.domain());
      }
    }
    return out;
  }
}
