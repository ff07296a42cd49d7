package dev.looptool.world;

import java.util.Locale;

/**
 * Which set a world sample belongs to: the noisy seed pool, the clean held-out test, or an
 * expansion.
 */
public enum Split {
  POOL,
  TEST,
  EXPANSION;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wire;
  }

  public static Split fromWire(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown split '" + s + "' (expected pool, test or expansion)");
    }
  }
}
