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

  public String worldDir() {
    return root() + "/world";
  }

  public String worldTools() {
    return worldDir() + "/tools.jsonl";
  }

  /** The synthetic world's pool and test before they are copied under {@code seed/}. */
  public String worldPool() {
    return worldDir() + "/pool.jsonl";
  }

  public String worldTest() {
    return worldDir() + "/test.jsonl";
  }

  /** The true call behind every synthetic request. */
  public String worldTruth() {
    return worldDir() + "/truth.jsonl";
  }

  /** Dialogues the world's verification rejected, with the reason. */
  public String worldRejects() {
    return worldDir() + "/rejects.jsonl";
  }

  /** Written last by the world, so its presence marks the world's files complete. */
  public String worldStats() {
    return worldDir() + "/stats.json";
  }

  public String seedDir() {
    return root() + "/seed";
  }

  public String seedPool() {
    return seedDir() + "/pool.jsonl";
  }

  public String seedTest() {
    return seedDir() + "/test.jsonl";
  }

  /** The built-in model's separate SFT warm-up set, split off the pool's tail. */
  public String seedWarmup() {
    return seedDir() + "/warmup.jsonl";
  }

  /** Samples of the user's seed file that broke their own tool schemas, with the reason. */
  public String seedPoolRejects() {
    return seedDir() + "/rejects-pool.jsonl";
  }

  /** Samples of the user's test file that broke their own tool schemas, with the reason. */
  public String seedTestRejects() {
    return seedDir() + "/rejects-test.jsonl";
  }

  /** π_0, the built-in model after the SFT warm-up. */
  public String sftCheckpoint() {
    return root() + "/sft/checkpoint";
  }

  /** The iteration summaries the report is drawn from. */
  public String summary() {
    return root() + "/summary.json";
  }

  public String report() {
    return root() + "/report.html";
  }

  /** An experiment's comparison of its arms: accuracies with intervals, paired tests, signal. */
  public String experimentSummary() {
    return root() + "/experiment.json";
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

    public String probeShard(int shard) {
      return shard(probeDir(), shard);
    }

    public String judgeDir() {
      return dir() + "/judge";
    }

    public String judgeShard(int shard) {
      return shard(judgeDir(), shard);
    }

    /** ES: the judged errors with corrected labels. */
    public String errors() {
      return dir() + "/errors.jsonl";
    }

    /** Mismatches judged BOTH_WRONG, on their way to the quarantine. */
    public String bothWrong() {
      return dir() + "/both-wrong.jsonl";
    }

    public String expandDir() {
      return dir() + "/expand";
    }

    /** The validated new samples of an expansion shard; its presence marks the shard complete. */
    public String expandShard(int shard) {
      return shard(expandDir(), shard);
    }

    /** Every generation attempt of an expansion shard and what became of it. */
    public String expandOutcomes(int shard) {
      return expandDir() + String.format("/outcomes-%05d.jsonl", shard);
    }

    /** The samples an expansion shard rejected, with the reason. */
    public String expandRejects(int shard) {
      return expandDir() + String.format("/rejects-%05d.jsonl", shard);
    }

    /** The truth of an expansion shard's kept samples, where the generator knows it. */
    public String expandTruth(int shard) {
      return expandDir() + String.format("/truth-%05d.jsonl", shard);
    }

    public String quarantine() {
      return dir() + "/quarantine.jsonl";
    }

    public String eval() {
      return dir() + "/eval.json";
    }

    /** Every GRPO step of the iteration: loss, mean reward, groups with unequal rewards. */
    public String trainingTrace() {
      return dir() + "/training.json";
    }
  }

  /** The key of shard {@code index} in a sharded stage directory: {@code part-00000.jsonl}. */
  public static String shard(String stageDir, int index) {
    return stageDir + String.format("/part-%05d.jsonl", index);
  }

  /** Whether a key is an expansion shard's truth file ({@link Iteration#expandTruth}). */
  public static boolean isExpandTruth(String key) {
    return key.matches(".*/truth-\\d{5}\\.jsonl");
  }
}
