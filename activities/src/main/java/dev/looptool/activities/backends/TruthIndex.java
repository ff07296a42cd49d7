package dev.looptool.activities.backends;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.model.Sample;
import java.util.Optional;

/**
 * What is known of the truth of a run's samples (the synthetic world records it for every seed and
 * expansion sample). Only metrics and simulated models read it, never training.
 */
public interface TruthIndex {
  /** Whether the sample's label is a correct answer, or empty when its truth is unknown. */
  Optional<Boolean> labelCorrect(Sample sample);

  /**
   * The truth record of a sample as JSON, for persisting the truth of new samples; empty when
   * unknown.
   */
  Optional<JsonNode> record(String sampleId);

  /** For runs on user data: nothing is known. */
  TruthIndex NONE =
      new TruthIndex() {
        @Override
        public Optional<Boolean> labelCorrect(Sample sample) {
          return Optional.empty();
        }

        @Override
        public Optional<JsonNode> record(String sampleId) {
          return Optional.empty();
        }
      };
}
