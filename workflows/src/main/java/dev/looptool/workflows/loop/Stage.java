package dev.looptool.workflows.loop;

/** Where a run is; upserted as the LoopStage search attribute (its lowercase name). */
public enum Stage {
  SEED,
  SFT,
  TRAIN,
  PROBE,
  JUDGE,
  CORRECT,
  EXPAND,
  MERGE,
  EVALUATE,
  REPORT,
  PAUSED,
  DONE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
