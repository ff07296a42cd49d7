package dev.looptool.core.llm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The LLM judge of a run specification: K voters (each a model behind an endpoint, e.g. different
 * models or the same model with different seeds), the quorum Q and whether both orders are asked.
 * Defaults (LOOPTOOL.md): Q = 1, both orders.
 */
public record JudgeConfig(List<Voter> voters, Integer quorum, Boolean bothOrders) {

  /** One voter: the id its votes carry and its endpoint (sampling included). */
  public record Voter(String id, EndpointConfig endpoint) {
    public Voter {
      if (endpoint == null) {
        throw new IllegalArgumentException("a judge voter needs an endpoint");
      }
      id = id == null || id.isBlank() ? endpoint.model() : id;
    }
  }

  public JudgeConfig {
    if (voters == null || voters.isEmpty()) {
      throw new IllegalArgumentException("the judge needs at least one voter");
    }
    voters = List.copyOf(voters);
    quorum = quorum == null ? 1 : quorum;
    bothOrders = bothOrders == null ? Boolean.TRUE : bothOrders;
    if (quorum < 1 || quorum > voters.size()) {
      throw new IllegalArgumentException(
          "quorum must be between 1 and the number of voters ("
              + voters.size()
              + "), got "
              + quorum);
    }
    Set<String> ids = new HashSet<>();
    for (Voter v : voters) {
      if (!ids.add(v.id())) {
        throw new IllegalArgumentException(
            "two judge voters share the id '" + v.id() + "'; give them distinct ids");
      }
    }
  }

  /** K voters that are one model sampled with seeds seed..seed+K-1. */
  public static JudgeConfig sameModel(
      EndpointConfig endpoint, int voters, int quorum, boolean bothOrders) {
    List<Voter> vs = new ArrayList<>();
    long seed = endpoint.sampling().seed() == null ? 0 : endpoint.sampling().seed();
    for (int i = 0; i < voters; i++) {
      vs.add(
          new Voter(
              voters == 1 ? endpoint.model() : endpoint.model() + "#" + i,
              endpoint.withSampling(endpoint.sampling().withSeed(seed + i))));
    }
    return new JudgeConfig(vs, quorum, bothOrders);
  }
}
