package dev.looptool.workflows.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Where seed data comes from: {@code world} (the synthetic world, see {@link WorldSpec}) or {@code
 * files} (the user's seed pool and held-out test JSONL, paths readable by the CPU workers). {@code
 * initialSize} is |D_1|, taken from the front of the seed pool (default: half the pool). {@code
 * warmupSize}, when set, takes that many samples from the END of the pool for the built-in model's
 * SFT warm-up only, so the warm-up can see far more data than D_1 without ever touching the samples
 * the loop will train on. {@code format} names the files' dataset format ({@code samples}, {@code
 * looptool}, {@code xlam}, {@code sharegpt}, {@code hermes}, {@code openai}, {@code verl}, {@code
 * bfcl}); {@code testFormat} the test file's when it differs. Without them each file's format is
 * detected from its first record.
 */
public record DataSpec(
    String source,
    WorldSpec world,
    String seedFile,
    String testFile,
    Integer initialSize,
    Integer warmupSize,
    // Left out of the manifest when unset, so world runs record what they always recorded.
    @JsonInclude(JsonInclude.Include.NON_NULL) String format,
    @JsonInclude(JsonInclude.Include.NON_NULL) String testFormat)
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
    return new DataSpec(s, w, seedFile, testFile, initialSize, warmupSize, format, testFormat);
  }

  /** The format of the test file: {@code testFormat}, else {@code format} (null: detect). */
  public String testFileFormat() {
    return testFormat != null ? testFormat : format;
  }

  /**
   * Problems of this spec after {@link #withDefaults()}, each prefixed with {@code path}, the field
   * that holds it ({@code data} in a run spec); empty when valid.
   */
  public List<String> problems(String path) {
    List<String> p = new ArrayList<>();
    if (!WORLD.equals(source) && !FILES.equals(source)) {
      p.add(path + ".source: must be 'world' or 'files', got '" + source + "'");
    }
    if (FILES.equals(source)) {
      if (seedFile == null || seedFile.isBlank()) {
        p.add(path + ".seedFile: required when " + path + ".source is 'files'");
      }
      if (testFile == null || testFile.isBlank()) {
        p.add(path + ".testFile: required when " + path + ".source is 'files'");
      }
    }
    // Which formats exist is known to the CPU workers (formats are plug-ins); the name's shape
    // here.
    for (String[] f : new String[][] {{"format", format}, {"testFormat", testFormat}}) {
      if (f[1] != null && !f[1].matches("[a-z][a-z0-9_-]*")) {
        p.add(
            path
                + "."
                + f[0]
                + ": must be a format name such as looptool or xlam, got '"
                + f[1]
                + "'");
      } else if (f[1] != null && !FILES.equals(source)) {
        p.add(path + "." + f[0] + ": only applies when " + path + ".source is 'files'");
      }
    }
    if (world != null && WORLD.equals(source)) {
      p.addAll(world.problems(path + ".world"));
    }
    if (initialSize != null && initialSize < 1) {
      p.add(path + ".initialSize: must be at least 1");
    }
    if (warmupSize != null && warmupSize < 0) {
      p.add(path + ".warmupSize: must not be negative");
    }
    return p;
  }
}
