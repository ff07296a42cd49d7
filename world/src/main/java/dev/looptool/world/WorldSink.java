package dev.looptool.world;

import java.io.IOException;
import java.util.List;

/** Receives what {@link WorldGenerator} streams out: samples with their truth, and rejects. */
public interface WorldSink {
  void sample(WorldSample sample) throws IOException;

  void reject(Reject reject) throws IOException;

  /**
   * A sink that keeps everything in memory: samples into {@code samples}, rejects into {@code
   * rejects}.
   */
  static WorldSink collecting(List<WorldSample> samples, List<Reject> rejects) {
    return new WorldSink() {
      @Override
      public void sample(WorldSample s) {
        samples.add(s);
      }

      @Override
      public void reject(Reject r) {
        rejects.add(r);
      }
    };
  }
}
