package dev.looptool.core.model;

/** Where a sample came from. */
public enum Origin {
  /** Built by the seed pipeline (synthetic world or an LLM-driven simulation). */
  SEED,
  /** Read from a user's or the authors' data. */
  IMPORTED,
  /** A sample whose label the judge found wrong and replaced. */
  CORRECTED,
  /** Written by the generator from a verified failure. */
  EXPANDED
}
