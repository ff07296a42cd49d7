package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.model.Sample;

/** A dataset format that samples can also be exported to. */
public interface WritableFormat extends DatasetFormat {
  @Override
  default boolean writable() {
    return true;
  }

  @Override
  JsonNode write(Sample sample, long index) throws FormatException;
}
