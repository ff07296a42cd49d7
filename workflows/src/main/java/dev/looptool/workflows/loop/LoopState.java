package dev.looptool.workflows.loop;

import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.SeedResult;
import java.util.List;

/**
 * All loop state, carried from one iteration to the next through continue-as-new: the effective
 * spec, the next iteration to run, D_j and π_{j-1}, the seed data and cursor, the budget, the
 * summaries of finished iterations, and the operator's pending requests.
 */
public record LoopState(
    RunSpec spec,
    int iteration,
    String trainKey,
    long trainCount,
    Double trainPurity,
    String checkpoint,
    SeedResult seed,
    long seedCursor,
    long lastSeedTaken,
    long budget,
    List<IterationSummary> history,
    boolean paused,
    boolean stopAfterIteration) {
  public LoopState {
    history = history == null ? List.of() : List.copyOf(history);
  }
}
