package dev.looptool.core.store;

/**
 * The keys of a run's artifacts, as ARCHITECTURE.md lays them out under {@code runs/<run-id>/}. One
 * place builds every path, so stages agree on where things are.
 */
public record RunLayout(String runId) {
  public RunLayout {
    if (runId == null || runId.isBlank() || runId.contains("/") || runId.contains("..")) {
      throw new IllegalArgumentException(
          "run id must be a non-empty name without '/' or '..': " + runId);
    }
  }

  public String root() {
    return "runs/" + runId;
  }

  public String manifest() {
    return root() + "/manifest.json";
  }

  public String worldTools() {
    return root() + "/world/tools.jsonl";
  }

  public String worldDir() {
    return root() + "/world";
  }

  public String seedPool() {
    return root() + "/seed/pool.jsonl";
  }

  public String seedTest() {
    return root() + "/seed/test.jsonl";
  }

  public String seedDir() {
    return root() + "/seed";
  }

  public String report() {
    return root() + "/report.html";
  }

  public Iteration iteration(int j) {
    return new Iteration(root(), j);
  }

  /** The keys of one iteration's artifacts under {@code iter-NN/}. */
  public record Iteration(String runRoot, int number) {
    public String dir() {
      return runRoot + String.format("/iter-%02d", number);
    }

    public String train() {
      return dir() + "/train.jsonl";
    }

    public String checkpoint() {
      return dir() + "/checkpoint";
    }

    public String probeDir() {
      return dir() + "/probe";
    }

    public String judgeDir() {
      return dir() + "/judge";
    }

    public String expandDir() {
      return dir() + "/expand";
    }

    public String quarantine() {
      return dir() + "/quarantine.jsonl";
    }

    public String eval() {
      return dir() + "/eval.json";
    }
  }

  /** The key of shard {@code index} in a sharded stage directory: {@code part-00000.jsonl}. */
  public static String shard(String stageDir, int index) {
    return stageDir + String.format("/part-%05d.jsonl", index);
  }
}
