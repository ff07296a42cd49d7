package dev.looptool.benchmarks.bfcl;

import java.nio.file.Path;

/** Locates the shared BFCL-v3 data from the repository root that surefire passes in. */
final class BfclDataFixture {
  private BfclDataFixture() {}

  static Path dir() {
    String root = System.getProperty("looptool.repo.root", ".");
    return Path.of(root).resolve("../shared/data/bfcl-v3").normalize();
  }

  private static BfclDataset dataset;

  static synchronized BfclDataset dataset() {
    if (dataset == null) {
      dataset = BfclDataset.load(dir());
    }
    return dataset;
  }
}
