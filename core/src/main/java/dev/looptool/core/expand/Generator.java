package dev.looptool.core.expand;

import dev.looptool.core.model.Sample;
import java.util.List;

/**
 * Writes new hard samples from a failure (EDDE): same difficulty, new content, shaped by one
 * scenario variation per attempt. Returned samples still go through validation and de-duplication;
 * a generator may return fewer than asked (an unusable answer yields none).
 */
public interface Generator {
  List<Sample> generate(Failure failure, ScenarioVariation variation, int attempt) throws Exception;
}
