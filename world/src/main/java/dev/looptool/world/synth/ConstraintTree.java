package dev.looptool.world.synth;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The constraint tree of API synthesis, sampled together with a capability: how the tool and its
 * parameters are named, how many optional parameters it exposes (so the parameter count falls in 0,
 * 1–3 or 4+), which optional ones declare defaults, and the shape of its result.
 */
public record ConstraintTree(
    Naming naming, ParamBudget budget, double defaultRate, OutputFormat output) {

  /** How names are spelled. */
  public enum Naming {
    SNAKE,
    CAMEL,
    DOMAIN_PREFIXED;

    /** The spelling of a snake_case base name under this convention. */
    public String spell(String snake, String domain) {
      switch (this) {
        case CAMEL:
          return camel(snake);
        case DOMAIN_PREFIXED:
          return domain + "_" + snake;
        default:
          return snake;
      }
    }

    /** Parameters follow camelCase only under CAMEL; prefixes are for tool names only. */
    public String spellParam(String snake) {
      return this == CAMEL ? camel(snake) : snake;
    }
  }

  /** How many optional parameters a tool exposes beyond its required ones. */
  public enum ParamBudget {
    /** Only the required ones (zero-parameter capabilities stay at 0). */
    REQUIRED_ONLY,
    /** Up to three parameters in all. */
    UP_TO_THREE,
    /** Every optional parameter, which gives 4+ for most capabilities. */
    ALL
  }

  /** The shape of a tool's result. */
  public enum OutputFormat {
    /** A flat object of fields. */
    OBJECT,
    /** {"results": [objects], "count": n}. */
    LIST,
    /** {"status": "ok", ...fields}. */
    STATUS;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wireName() {
      return wire;
    }
  }

  /** Draws one node of the constraint tree. */
  public static ConstraintTree draw(SplittableRandom rng) {
    double n = rng.nextDouble();
    Naming naming = n < 0.55 ? Naming.SNAKE : n < 0.85 ? Naming.CAMEL : Naming.DOMAIN_PREFIXED;
    double b = rng.nextDouble();
    ParamBudget budget =
        b < 0.3 ? ParamBudget.REQUIRED_ONLY : b < 0.7 ? ParamBudget.UP_TO_THREE : ParamBudget.ALL;
    double o = rng.nextDouble();
    OutputFormat output =
        o < 0.5 ? OutputFormat.OBJECT : o < 0.8 ? OutputFormat.LIST : OutputFormat.STATUS;
    return new ConstraintTree(naming, budget, 0.5, output);
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, String> CAMEL =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** camelCase of a snake_case name; names come from a fixed vocabulary, so they are cached. */
  static String camel(String snake) {
    return CAMEL.computeIfAbsent(snake, ConstraintTree::toCamel);
  }

  private static String toCamel(String snake) {
    StringBuilder sb = new StringBuilder(snake.length());
    boolean up = false;
    for (int i = 0; i < snake.length(); i++) {
      char ch = snake.charAt(i);
      if (ch == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return sb.toString();
  }
}
