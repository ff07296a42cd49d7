package dev.looptool.world;

import dev.looptool.core.agent.Shape;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that decides a synthetic world; the same config gives byte-identical output.
 *
 * <p>The defaults are sized for the built-in ~0.5M-parameter policy: the needed tools plus one
 * distractor per prompt, no result schemas in prompts, a six-message history window. Scale up with
 * {@code distractors}, {@code historyWindow}, {@code priorExchanges} and {@code
 * resultSchemaInPrompt}.
 *
 * @param seed the world's seed: tools, dialogues, noise and the simulated judge all derive from it
 * @param tools how many tools API synthesis makes
 * @param train seed-pool samples to generate (noisy)
 * @param test held-out test samples to generate (clean)
 * @param noiseRate probability that a pool sample's label is corrupted, in [0, 1]
 * @param noiseMix relative weights of the noise kinds (kinds with weight 0 never occur)
 * @param shapeMix relative weights of the dialogue shapes
 * @param distractors tools offered beyond the ones the dialogue needs
 * @param historyWindow most context messages a sample keeps (cut at a user turn)
 * @param priorExchanges finished single-call exchanges placed before the main request (longer
 *     histories)
 * @param optionalArgRate probability that a user mentions each optional parameter
 * @param slipRate probability that the simulated assistant makes a rule-visible mistake, which
 *     verification then rejects (so that rejects.jsonl shows verification at work)
 * @param resultSchemaInPrompt whether sample tools carry their result schema ({@code returns})
 * @param parameterDescriptionsInPrompt whether sample tools describe each parameter (tools.jsonl
 *     always does)
 */
public record WorldConfig(
    long seed,
    int tools,
    int train,
    int test,
    double noiseRate,
    Map<NoiseKind, Double> noiseMix,
    Map<Shape, Double> shapeMix,
    int distractors,
    int historyWindow,
    int priorExchanges,
    double optionalArgRate,
    double slipRate,
    boolean resultSchemaInPrompt,
    boolean parameterDescriptionsInPrompt) {

  public static final int DEFAULT_TOOLS = 40;
  public static final int DEFAULT_TRAIN = 2000;
  public static final int DEFAULT_TEST = 300;
  public static final double DEFAULT_NOISE = 0.15;

  public WorldConfig {
    if (tools < 1) {
      throw new IllegalArgumentException("tools must be at least 1, got " + tools);
    }
    if (train < 0 || test < 0) {
      throw new IllegalArgumentException(
          "train and test must not be negative, got " + train + " and " + test);
    }
    if (!(noiseRate >= 0 && noiseRate <= 1)) {
      throw new IllegalArgumentException("noise rate must be in [0, 1], got " + noiseRate);
    }
    if (distractors < 0 || historyWindow < 1 || priorExchanges < 0) {
      throw new IllegalArgumentException(
          "distractors and prior exchanges must be >= 0 and the history window >= 1");
    }
    if (!(optionalArgRate >= 0 && optionalArgRate <= 1) || !(slipRate >= 0 && slipRate < 1)) {
      throw new IllegalArgumentException(
          "optional-argument rate must be in [0, 1] and slip rate in [0, 1)");
    }
    noiseMix =
        normalized(
            noiseMix == null ? uniform(NoiseKind.class) : noiseMix, NoiseKind.class, "noise mix");
    shapeMix = normalized(shapeMix == null ? defaultShapes() : shapeMix, Shape.class, "shape mix");
  }

  /** The default world for a seed. */
  public static WorldConfig defaults(long seed) {
    return new WorldConfig(
        seed,
        DEFAULT_TOOLS,
        DEFAULT_TRAIN,
        DEFAULT_TEST,
        DEFAULT_NOISE,
        null,
        null,
        1,
        6,
        0,
        0.4,
        0.01,
        false,
        true);
  }

  public WorldConfig withSeed(long v) {
    return toBuilder().seed(v).build();
  }

  public WorldConfig withTools(int v) {
    return toBuilder().tools(v).build();
  }

  public WorldConfig withCounts(int trainCount, int testCount) {
    return toBuilder().train(trainCount).test(testCount).build();
  }

  public WorldConfig withNoise(double rate, Map<NoiseKind, Double> mix) {
    return toBuilder().noiseRate(rate).noiseMix(mix).build();
  }

  public WorldConfig withShapeMix(Map<Shape, Double> mix) {
    return toBuilder().shapeMix(mix).build();
  }

  public WorldConfig withPrompt(
      int distractorCount, int window, int prior, boolean returnsInPrompt) {
    return toBuilder()
        .distractors(distractorCount)
        .historyWindow(window)
        .priorExchanges(prior)
        .resultSchemaInPrompt(returnsInPrompt)
        .build();
  }

  public WorldConfig withParameterDescriptions(boolean v) {
    return toBuilder().parameterDescriptionsInPrompt(v).build();
  }

  public WorldConfig withSlipRate(double v) {
    return toBuilder().slipRate(v).build();
  }

  /** A builder that starts from this config, to change some of its values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Changes some values of a config; {@link #build()} validates the result like the constructor.
   */
  public static final class Builder {
    private long seed;
    private int tools;
    private int train;
    private int test;
    private double noiseRate;
    private Map<NoiseKind, Double> noiseMix;
    private Map<Shape, Double> shapeMix;
    private int distractors;
    private int historyWindow;
    private int priorExchanges;
    private double optionalArgRate;
    private double slipRate;
    private boolean resultSchemaInPrompt;
    private boolean parameterDescriptionsInPrompt;

    private Builder(WorldConfig c) {
      seed = c.seed;
      tools = c.tools;
      train = c.train;
      test = c.test;
      noiseRate = c.noiseRate;
      noiseMix = c.noiseMix;
      shapeMix = c.shapeMix;
      distractors = c.distractors;
      historyWindow = c.historyWindow;
      priorExchanges = c.priorExchanges;
      optionalArgRate = c.optionalArgRate;
      slipRate = c.slipRate;
      resultSchemaInPrompt = c.resultSchemaInPrompt;
      parameterDescriptionsInPrompt = c.parameterDescriptionsInPrompt;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder tools(int v) {
      tools = v;
      return this;
    }

    public Builder train(int v) {
      train = v;
      return this;
    }

    public Builder test(int v) {
      test = v;
      return this;
    }

    public Builder noiseRate(double v) {
      noiseRate = v;
      return this;
    }

    public Builder noiseMix(Map<NoiseKind, Double> v) {
      noiseMix = v;
      return this;
    }

    public Builder shapeMix(Map<Shape, Double> v) {
      shapeMix = v;
      return this;
    }

    public Builder distractors(int v) {
      distractors = v;
      return this;
    }

    public Builder historyWindow(int v) {
      historyWindow = v;
      return this;
    }

    public Builder priorExchanges(int v) {
      priorExchanges = v;
      return this;
    }

    public Builder optionalArgRate(double v) {
      optionalArgRate = v;
      return this;
    }

    public Builder slipRate(double v) {
      slipRate = v;
      return this;
    }

    public Builder resultSchemaInPrompt(boolean v) {
      resultSchemaInPrompt = v;
      return this;
    }

    public Builder parameterDescriptionsInPrompt(boolean v) {
      parameterDescriptionsInPrompt = v;
      return this;
    }

    public WorldConfig build() {
      return new WorldConfig(
          seed,
          tools,
          train,
          test,
          noiseRate,
          noiseMix,
          shapeMix,
          distractors,
          historyWindow,
          priorExchanges,
          optionalArgRate,
          slipRate,
          resultSchemaInPrompt,
          parameterDescriptionsInPrompt);
    }
  }

  /** Parses "wrong_value=2,wrong_tool=1" style weights; kinds left out get weight 0. */
  public static <E extends Enum<E>> Map<E, Double> parseMix(String text, Class<E> type) {
    Map<E, Double> out = new EnumMap<>(type);
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq).trim();
      double w;
      try {
        w = eq < 0 ? 1.0 : Double.parseDouble(p.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad weight in '" + p + "': expected name=number");
      }
      E key;
      try {
        key = Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown name '"
                + name
                + "' in mix; expected one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
      }
      out.put(key, w);
    }
    return out;
  }

  private static Map<Shape, Double> defaultShapes() {
    Map<Shape, Double> m = new EnumMap<>(Shape.class);
    m.put(Shape.SINGLE, 0.35);
    m.put(Shape.PARALLEL, 0.2);
    m.put(Shape.MULTI_STEP, 0.2);
    m.put(Shape.CLARIFY, 0.15);
    m.put(Shape.NO_TOOL, 0.1);
    return m;
  }

  private static <E extends Enum<E>> Map<E, Double> uniform(Class<E> type) {
    Map<E, Double> m = new EnumMap<>(type);
    for (E e : type.getEnumConstants()) {
      m.put(e, 1.0);
    }
    return m;
  }

  private static <E extends Enum<E>> Map<E, Double> normalized(
      Map<E, Double> mix, Class<E> type, String what) {
    double sum = 0;
    for (Map.Entry<E, Double> e : mix.entrySet()) {
      if (e.getValue() == null || !(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
        throw new IllegalArgumentException(
            what + ": weight of " + e.getKey() + " must be a finite number >= 0");
      }
      sum += e.getValue();
    }
    if (sum <= 0) {
      throw new IllegalArgumentException(what + ": at least one weight must be positive");
    }
    Map<E, Double> out = new EnumMap<>(type);
    for (E e : type.getEnumConstants()) {
      out.put(e, mix.getOrDefault(e, 0.0) / sum);
    }
    return Collections.unmodifiableMap(out);
  }

  /** Draws from a normalized mix with a uniform number in [0, 1). */
  public static <E extends Enum<E>> E pick(Map<E, Double> mix, double u) {
    E last = null;
    for (Map.Entry<E, Double> e : mix.entrySet()) {
      if (e.getValue() <= 0) {
        continue;
      }
      last = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        return e.getKey();
      }
    }
    return last;
  }
}
