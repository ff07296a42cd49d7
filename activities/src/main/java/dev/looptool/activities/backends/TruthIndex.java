package dev.looptool.activities.backends;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.model.Sample;
import java.util.List;
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

  /**
   * Label purity: the fraction of {@code samples} whose label is correct by this truth (samples
   * without truth are not counted); null when none has any.
   */
  default Double purity(List<Sample> samples) {
    long known = 0;
    long right = 0;
    for (Sample s : samples) {
      Optional<Boolean> ok = labelCorrect(s);
      if (ok.isPresent()) {
        known++;
        right += ok.get() ? 1 : 0;
      }
    }
    return known == 0 ? null : (double) right / known;
  }

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
