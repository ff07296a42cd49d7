package dev.looptool.workflows.spec;

/**
 * Where seed data comes from: {@code world} (the synthetic world, see {@link WorldSpec}) or {@code
 * files} (the user's seed pool and held-out test JSONL, paths readable by the CPU workers). {@code
 * initialSize} is |D_1|, taken from the front of the seed pool (default: half the pool). {@code
 * warmupSize}, when set, takes that many samples from the END of the pool for the built-in model's
 * SFT warm-up only, so the warm-up can see far more data than D_1 without ever touching the samples
 * the loop will train on.
 */
public record DataSpec(
    String source,
    WorldSpec world,
    String seedFile,
    String testFile,
    Integer initialSize,
    Integer warmupSize)
    implements Defaultable<DataSpec> {
  public static final String WORLD = "world";
  public static final String FILES = "files";

  /**
   * The source defaults to the synthetic world, whose settings are then filled in too. A files run
   * keeps whatever world settings it names as written, unfilled, as it always has (its manifest
   * records them so); a world is no part of its data.
   */
  @Override
  public DataSpec withDefaults() {
    String s = source == null ? WORLD : source;
    WorldSpec w =
        WORLD.equals(s)
            ? (world == null ? SpecDefaults.empty(WorldSpec.class) : world).withDefaults()
            : world;
    return new DataSpec(s, w, seedFile, testFile, initialSize, warmupSize);
  }
}
