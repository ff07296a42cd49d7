package dev.looptool.core.policy;

import dev.looptool.core.model.Sample;
import java.util.List;

/**
 * Greedy decoding of a policy over samples, with per-token log-probabilities. Implementations: the
 * built-in DJL model, and an OpenAI-compatible completions endpoint serving the checkpoint.
 */
public interface Prober extends AutoCloseable {
  List<ProbeResult> probe(List<Sample> batch) throws Exception;

  @Override
  default void close() throws Exception {}
}
