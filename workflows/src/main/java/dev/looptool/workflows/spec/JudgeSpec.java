package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
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

  /**
   * Problems of this spec after {@link #withDefaults()}, each prefixed with {@code path}, the field
   * that holds it ({@code judge} in a run spec); empty when valid.
   */
  public List<String> problems(String path) {
    List<String> p = backendProblems(path, backend, endpoints);
    if (errorRate < 0 || errorRate > 1) {
      p.add(path + ".errorRate: must be within [0, 1]");
    }
    if (voters < 1) {
      p.add(path + ".voters: must be at least 1");
    }
    if (quorum < 1 || quorum > voters) {
      p.add(path + ".quorum: must be within [1, " + path + ".voters]");
    }
    return p;
  }

  /** The judge's and the generator's shared rule: a known backend, and endpoints for openai. */
  static List<String> backendProblems(String path, String backend, List<EndpointSpec> endpoints) {
    List<String> p = new ArrayList<>();
    if (!SIMULATED.equals(backend) && !OPENAI.equals(backend)) {
      p.add(path + ".backend: must be 'simulated' or 'openai', got '" + backend + "'");
    } else if (OPENAI.equals(backend) && endpoints.isEmpty()) {
      p.add(
          path
              + ".endpoints: at least one endpoint is required when "
              + path
              + ".backend is 'openai'");
    }
    return p;
  }
}
