package dev.looptool.world;

import java.io.IOException;

/** Receives what {@link WorldGenerator} streams out: samples with their truth, and rejects. */
public interface WorldSink {
  void sample(WorldSample sample) throws IOException;

  void reject(Reject reject) throws IOException;
}
