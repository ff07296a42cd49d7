package dev.looptool.workflows.spec;

import java.util.List;

/**
 * The judge (JGLV) and the single-response validator. {@code backend}: {@code simulated} (the
 * synthetic world's judge, wrong at {@code errorRate}) or {@code openai} (one endpoint per voter).
 * A verdict stands when {@code quorum} of {@code voters} agree; with {@code bothOrders} each voter
 * is asked label-first and prediction-first and disagreement counts as UNCERTAIN.
 */
public record JudgeSpec(
    String backend,
    Double errorRate,
    Integer voters,
    Integer quorum,
    Boolean bothOrders,
    List<EndpointSpec> endpoints) {
  public static final String SIMULATED = "simulated";
  public static final String OPENAI = "openai";

  public JudgeSpec withDefaults() {
    return new JudgeSpec(
        backend == null ? SIMULATED : backend,
        errorRate == null ? 0.05 : errorRate,
        voters == null ? 1 : voters,
        quorum == null ? 1 : quorum,
        bothOrders == null ? Boolean.TRUE : bothOrders,
        endpoints == null ? List.of() : List.copyOf(endpoints));
  }
}
