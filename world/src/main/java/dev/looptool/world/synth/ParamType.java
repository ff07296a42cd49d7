package dev.looptool.world.synth;

/** The value types the constraint tree draws parameters from, with the JSON Schema each maps to. */
public enum ParamType {
  STRING("string", null),
  ID("string", null),
  INTEGER("integer", null),
  NUMBER("number", null),
  BOOLEAN("boolean", null),
  ENUM("string", null),
  ARRAY("array", null),
  OBJECT("object", null),
  DATE("string", "date"),
  TIME("string", "time"),
  DATETIME("string", "date-time");

  private final String jsonType;
  private final String format;

  ParamType(String jsonType, String format) {
    this.jsonType = jsonType;
    this.format = format;
  }

  public String jsonType() {
    return jsonType;
  }

  /** The JSON Schema "format" of date and time strings, else null. */
  public String format() {
    return format;
  }

  /** The name stats.json counts parameters under. */
  public String statName() {
    return stat;
  }

  private final String stat = computeStatName();

  // A switch over the enum itself cannot run while its constants are being built; names can.
  private String computeStatName() {
    switch (name()) {
      case "ID":
        return "string";
      case "OBJECT":
        return "nested_object";
      case "DATETIME":
        return "date_time";
      default:
        return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
