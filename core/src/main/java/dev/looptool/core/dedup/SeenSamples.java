package dev.looptool.core.dedup;

import dev.looptool.core.model.Sample;
import java.util.HashSet;
import java.util.Set;

/**
 * The samples seen so far, by {@link Fingerprint}: every stage that de-duplicates (expansion
 * shards, the merge against the pool, the {@code expand} command) asks this one question. Safe to
 * share between threads.
 */
public final class SeenSamples {
  private final Set<String> seen = new HashSet<>();

  /** Records the sample; true when no sample with the same content was seen before. */
  public synchronized boolean add(Sample s) {
    return seen.add(Fingerprint.of(s));
  }

  /** Records every sample, duplicates included (e.g. the pool new samples must not repeat). */
  public void addAll(Iterable<Sample> samples) {
    for (Sample s : samples) {
      add(s);
    }
  }
}
