package dev.looptool.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a sample came from and how its label changed: origin, the sample it was derived from, the
 * iteration that produced it, and every label change with its reason.
 */
public record Provenance(
    Origin origin, String parentId, int iteration, List<LabelChange> labelHistory) {
  public Provenance {
    Objects.requireNonNull(origin, "origin");
    labelHistory = labelHistory == null ? List.of() : List.copyOf(labelHistory);
  }

  public static Provenance seed() {
    return new Provenance(Origin.SEED, null, 0, List.of());
  }

  public static Provenance imported() {
    return new Provenance(Origin.IMPORTED, null, 0, List.of());
  }

  public static Provenance expanded(String parentId, int iteration) {
    return new Provenance(Origin.EXPANDED, parentId, iteration, List.of());
  }

  /** This provenance with one more label change recorded and the origin set to CORRECTED. */
  public Provenance withCorrection(LabelChange change) {
    List<LabelChange> history = new ArrayList<>(labelHistory);
    history.add(change);
    return new Provenance(Origin.CORRECTED, parentId, change.iteration(), history);
  }
}
