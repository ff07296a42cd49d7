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
    Integer warmupSize) {
  public static final String WORLD = "world";
  public static final String FILES = "files";

  public DataSpec withDefaults() {
    String s = source == null ? WORLD : source;
    return new DataSpec(
        s,
        WORLD.equals(s)
            ? (world == null
                    ? new WorldSpec(null, null, null, null, null, null, null, null)
                    : world)
                .withDefaults()
            : world,
        seedFile,
        testFile,
        initialSize,
        warmupSize);
  }
}
