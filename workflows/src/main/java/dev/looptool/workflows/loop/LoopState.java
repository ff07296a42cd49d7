package dev.looptool.workflows.loop;

import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.Dataset;
import dev.looptool.workflows.stages.MergeSchedule;
import dev.looptool.workflows.stages.SeedResult;
import java.util.ArrayList;
import java.util.List;

/**
 * All loop state, carried from one iteration to the next through continue-as-new: the effective
 * spec, the next iteration to run, D_j and π_{j-1}, the seed data, what the next merge needs from
 * earlier ones, the summaries of finished iterations, and the operator's pending requests. Built by
 * {@link #initial}, {@link #seeded} and {@link #next} only.
 */
public record LoopState(
    RunSpec spec,
    int iteration,
    Dataset train,
    String checkpoint,
    SeedResult seed,
    MergeSchedule schedule,
    List<IterationSummary> history,
    OperatorRequests requests) {
  public LoopState {
    history = history == null ? List.of() : List.copyOf(history);
    requests = requests == null ? OperatorRequests.NONE : requests;
  }

  /** A fresh run before its seed data exists: iteration 1, nothing trained yet. */
  public static LoopState initial(RunSpec spec) {
    return new LoopState(spec, 1, null, null, null, null, List.of(), OperatorRequests.NONE);
  }

  /** The state once seed data exists: D_1 from {@code seed}, π_0 = {@code checkpoint}. */
  public LoopState seeded(SeedResult seed, String checkpoint) {
    return new LoopState(
        spec,
        iteration,
        seed.firstTrain(),
        checkpoint,
        seed,
        MergeSchedule.start(seed, spec.merge()),
        history,
        requests);
  }

  /**
   * The state of the next iteration after {@code finished}: D_{j+1} and π_j from it (the static
   * baseline trains on the same data again), {@code nextSpec} (settings updates apply now), and the
   * operator's requests as they stand.
   */
  public LoopState next(RunSpec nextSpec, IterationSummary finished, OperatorRequests now) {
    List<IterationSummary> done = new ArrayList<>(history);
    done.add(finished);
    return new LoopState(
        nextSpec,
        iteration + 1,
        finished.next(),
        finished.trained().checkpoint(),
        seed,
        finished.merge() == null ? schedule : schedule.after(finished.merge()),
        done,
        now);
  }
}
