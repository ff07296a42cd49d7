package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
    List<EndpointSpec> endpoints)
    implements Defaultable<JudgeSpec> {
  public static final String SIMULATED = "simulated";
  public static final String OPENAI = "openai";

  /** LOOPTOOL.md's defaults: one voter, both orders, the simulated judge wrong 5% of the time. */
  static final ObjectNode DEFAULTS =
      SpecDefaults.document()
          .put("backend", SIMULATED)
          .put("errorRate", 0.05)
          .put("voters", 1)
          .put("quorum", 1)
          .put("bothOrders", true)
          .set("endpoints", SpecDefaults.list());

  public JudgeSpec {
    endpoints = endpoints == null ? null : List.copyOf(endpoints);
  }

  @Override
  public JudgeSpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }
}
