package dev.looptool.workflows.loop;

/**
 * When a stage of the run began and ended, in workflow time ({@code endedMillis} 0 while it runs),
 * so that a display can say how long every stage took, also one too short for it to have seen.
 */
public record StageSpan(int iteration, String stage, long startedMillis, long endedMillis) {
  public StageSpan ended(long at) {
    return new StageSpan(iteration, stage, startedMillis, at);
  }
}
