package dev.looptool.world.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.world.synth.WorldTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Voices a call as a request: a verb phrase of its capability followed by one clause per argument.
 */
final class Phrasing {
  private Phrasing() {}

  /**
   * "find flights from Paris to Rome on 2026-03-14", with bare-value clauses right after the verb.
   */
  static String core(WorldTool t, ObjectNode args, Set<String> skip, SplittableRandom rng) {
    List<String> phrases = t.capability().phrases();
    StringBuilder sb = new StringBuilder(phrases.get(rng.nextInt(phrases.size())));
    appendClauses(sb, t, args, skip, rng);
    return sb.toString();
  }

  /** "book it for 2 passengers": how a dependent step refers to the previous result. */
  static String reference(WorldTool t, ObjectNode args, Set<String> skip, SplittableRandom rng) {
    List<String> refs = t.capability().refPhrases();
    StringBuilder sb =
        new StringBuilder(refs.isEmpty() ? "use that result" : refs.get(rng.nextInt(refs.size())));
    appendClauses(sb, t, args, skip, rng);
    return sb.toString();
  }

  /** The clauses of the named arguments only ("for Rome"), for "and the same for Rome". */
  static String clausesOf(WorldTool t, ObjectNode args, List<String> names, SplittableRandom rng) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      WorldTool.Param p = t.param(n);
      JsonNode v = args.get(n);
      if (p == null || v == null) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      String c = p.kind().clause(v, rng);
      // "the same for QF1" reads; "the same QF1" does not.
      sb.append(c.equals(p.kind().voice(v)) ? "for " + c : c);
    }
    return sb.toString();
  }

  private static void appendClauses(
      StringBuilder sb, WorldTool t, ObjectNode args, Set<String> skip, SplittableRandom rng) {
    List<String> bare = new ArrayList<>(2);
    List<String> rest = new ArrayList<>(4);
    for (WorldTool.Param p : t.params()) {
      JsonNode v = args.get(p.name());
      if (v == null || skip.contains(p.name())) {
        continue;
      }
      String c = p.kind().clause(v, rng);
      // A bare value ("track order OR-12345", "convert 20 USD") only reads right next to the verb.
      if (c.equals(p.kind().voice(v))) {
        bare.add(c);
      } else {
        rest.add(c);
      }
    }
    for (int i = rest.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      String x = rest.get(i);
      rest.set(i, rest.get(j));
      rest.set(j, x);
    }
    for (String c : bare) {
      sb.append(' ').append(c);
    }
    for (String c : rest) {
      sb.append(' ').append(c);
    }
  }
}
