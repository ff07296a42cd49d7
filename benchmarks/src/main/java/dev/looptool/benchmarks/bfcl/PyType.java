package dev.looptool.benchmarks.bfcl;

/**
 * The Python type a JSON value would have after {@code json.loads}, which is what the official
 * evaluators compare with {@code type(x) == t} (so a bool is never an int).
 */
public enum PyType {
  STR,
  INT,
  FLOAT,
  BOOL,
  LIST,
  DICT,
  NONE,
  /** Only named by Java docs ({@code Set}); no JSON value ever has it. */
  SET;

  /** The Python name, as the official error messages print it. */
  public String pythonName() {
    return switch (this) {
      case STR -> "str";
      case INT -> "int";
      case FLOAT -> "float";
      case BOOL -> "bool";
      case LIST -> "list";
      case DICT -> "dict";
      case NONE -> "NoneType";
      case SET -> "set";
    };
  }
}
