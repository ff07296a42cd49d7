package dev.looptool.activities.backends;

import dev.looptool.core.model.Label;
import java.util.Optional;

/**
 * The true label of a sample, where a truth is known (the synthetic world records one for every
 * seed and expansion sample). Only metrics and simulated models read it, never training.
 */
public interface TruthIndex {
  Optional<Label> trueLabel(String sampleId);

  /** For runs on user data: nothing is known. */
  TruthIndex NONE = id -> Optional.empty();
}
