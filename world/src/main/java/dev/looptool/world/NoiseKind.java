package dev.looptool.world;

import java.util.Locale;

/**
 * The ways label noise corrupts a seed label. Some are visible to the schema rules
 * (missing_required, extra_parameter, wrong_type, and swapped_arguments across types); the others
 * (wrong_value, wrong_tool, swapped_arguments of one type) only a judge can catch.
 */
public enum NoiseKind {
  WRONG_VALUE,
  MISSING_REQUIRED,
  EXTRA_PARAMETER,
  WRONG_TOOL,
  SWAPPED_ARGUMENTS,
  WRONG_TYPE;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wire;
  }

  public static NoiseKind fromWire(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown noise kind '"
              + s
              + "' (expected wrong_value, missing_required, extra_parameter, wrong_tool, swapped_arguments or wrong_type)");
    }
  }
}
