package dev.looptool.workflows.spec;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Immutable copies of a spec's maps in key order. {@code Map.of} and {@code Map.copyOf} iterate in
 * an order that changes from one JVM to the next, so a spec holding them serialized differently on
 * every workflow worker, and the manifest and report a run wrote depended on which worker ran it.
 */
final class SortedMaps {
  private SortedMaps() {}

  static <V> SortedMap<String, V> of(Map<String, V> m) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(m));
  }
}
