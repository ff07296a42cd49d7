package dev.looptool.cli;

import dev.looptool.cli.config.RunSpecs;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.loop.ShardedStageWorkflow;
import dev.looptool.workflows.spec.RunSpec;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench history}: how long a LoopTool run's workflow histories get with the data. It runs
 * one iteration of a tiny built-in model with the simulated judge and generator, all pools and an
 * in-process Temporal server in this process, once per size of D_1, and counts the events of the
 * loop's run and of each stage child in the histories the server returns. The loop's count must not
 * depend on the data; a child's grows with its shards, towards Temporal's limit of 51,200 events
 * per history.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "Workflow history events of one iteration for each D_1 size (in-process server, tiny model, simulated judge/generator); prints shards per stage, the loop's and the largest stage child's event counts and their ratios.")
final class BenchHistoryCommand implements Callable<Integer> {
  /** Temporal's default limit of events per workflow history (the server refuses more). */
  static final int EVENT_LIMIT = 51_200;

  /** What the loop's history per iteration must stay under, whatever the data. */
  static final int LOOP_GOAL = 200;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "1000,100000",
      description = "Sizes of D_1 (train samples), one run each (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = "--shard-size",
      defaultValue = "256",
      description = "execution.shardSize (default: ${DEFAULT-VALUE}, the spec's default).")
  int shardSize;

  @Option(
      names = "--max-parallel-shards",
      defaultValue = "4",
      description = "execution.maxParallelShards (default: ${DEFAULT-VALUE}, the spec's default).")
  int maxParallelShards;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Artifact store (default: a temporary directory, deleted afterwards).")
  Path store;

  /** One size's figures. */
  record Row(
      int samples,
      int shards,
      int loopEvents,
      int largestChildEvents,
      String largestChild,
      int childShards,
      double seconds) {
    double eventsPerShard() {
      return childShards == 0 ? 0 : (double) largestChildEvents / childShards;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 2) || shardSize < 1) {
      System.err.println("bench history: --sizes must be at least 2 each, --shard-size at least 1");
      return ExitCodes.PROBLEMS;
    }
    boolean temporary = store == null;
    Path root = temporary ? Files.createTempDirectory("looptool-bench-history-") : store;
    System.out.printf(
        Locale.ROOT,
        "bench history: one iteration per size, shardSize %d, maxParallelShards %d, tiny built-in"
            + " model, simulated judge and generator, store %s%n",
        shardSize,
        maxParallelShards,
        root.toAbsolutePath());
    List<Row> rows = new ArrayList<>();
    try {
      LocalWorkers.Options where = new LocalWorkers.Options();
      where.namespace = "default";
      where.store = root;
      try (LocalWorkers local = LocalWorkers.open("bench history", where, true, -1)) {
        if (local == null) {
          return ExitCodes.ERROR;
        }
        for (int n : sizes) {
          rows.add(measure(local.client(), root, n));
          Row r = rows.get(rows.size() - 1);
          System.out.printf(
              Locale.ROOT,
              "  %d samples: %d shards per stage, loop %d events, largest child %s %d events"
                  + " (%.1f s)%n",
              r.samples(),
              r.shards(),
              r.loopEvents(),
              r.largestChild(),
              r.largestChildEvents(),
              r.seconds());
        }
      }
    } finally {
      if (temporary) {
        deleteTree(root);
      }
    }
    return report(rows);
  }

  private int report(List<Row> rows) {
    System.out.println();
    System.out.println(
        "| D_1 samples | shards per stage | loop events (run) | largest stage child | child events"
            + " per shard | loop share of 51,200 | child share of 51,200 |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %d | %d | %d | %d | %.2f | %.2f%% | %.2f%% |%n",
          r.samples(),
          r.shards(),
          r.loopEvents(),
          r.largestChildEvents(),
          r.eventsPerShard(),
          100.0 * r.loopEvents() / EVENT_LIMIT,
          100.0 * r.largestChildEvents() / EVENT_LIMIT);
    }
    Row first = rows.get(0);
    Row last = rows.get(rows.size() - 1);
    boolean equal = rows.stream().allMatch(r -> r.loopEvents() == first.loopEvents());
    boolean underGoal = rows.stream().allMatch(r -> r.loopEvents() <= LOOP_GOAL);
    System.out.printf(
        Locale.ROOT,
        "ratio loop events %d vs %d samples: %d / %d = %.3f (%s; goal: equal, at most %d)%n",
        last.samples(),
        first.samples(),
        last.loopEvents(),
        first.loopEvents(),
        (double) last.loopEvents() / first.loopEvents(),
        equal ? "equal" : "NOT equal",
        LOOP_GOAL);
    System.out.printf(
        Locale.ROOT,
        "ratio largest child events %d vs %d samples: %.3f; shards %.3f%n",
        last.samples(),
        first.samples(),
        (double) last.largestChildEvents() / first.largestChildEvents(),
        (double) last.shards() / first.shards());
    // What the largest child's size says of the limit: its events are a fixed part plus a
    // part per shard, both read off the two sizes measured.
    if (last.shards() > first.shards()) {
      double perShard =
          (double) (last.largestChildEvents() - first.largestChildEvents())
              / (last.childShards() - first.childShards());
      double fixed = last.largestChildEvents() - perShard * last.childShards();
      long maxShards = (long) ((EVENT_LIMIT - fixed) / perShard);
      System.out.printf(
          Locale.ROOT,
          "a stage child's history: %.1f + %.2f events per shard, so one stage fits about %d shards"
              + " (%d samples at shardSize %d) under %d events%n",
          fixed,
          perShard,
          maxShards,
          maxShards * shardSize,
          shardSize,
          EVENT_LIMIT);
    }
    return equal && underGoal ? ExitCodes.OK : ExitCodes.ERROR;
  }

  /** Runs one iteration with D_1 of {@code samples} and counts the events of its histories. */
  private Row measure(WorkflowClient client, Path root, int samples) throws Exception {
    String runId = "bench-history-" + samples;
    Path file = root.resolve(runId + ".yaml");
    Path tmp = root.resolve(runId + ".yaml.tmp");
    Files.writeString(tmp, spec(samples), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    RunSpec spec = RunSpecs.load(file);
    long start = System.nanoTime();
    RunControl.start(client, spec, runId);
    LoopResult result = RunControl.await(client, runId);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (result.iterationsCompleted() != 1) {
      throw new IllegalStateException(runId + ": " + result.iterationsCompleted() + " iterations");
    }
    // One iteration is one run of the chain: seed data, SFT, the iteration and the report.
    WorkflowExecutionHistory loop = client.fetchHistory(runId);
    HistoryEvent started = loop.getEvents().get(0);
    if (!started.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId().isEmpty()
        || loop.getLastEvent().getEventType()
            != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
      throw new IllegalStateException(runId + ": not one run from start to completion");
    }
    int largest = 0;
    String largestId = "-";
    int largestShards = 0;
    int shards = 0;
    for (HistoryEvent e : loop.getEvents()) {
      if (e.hasChildWorkflowExecutionStartedEventAttributes()) {
        WorkflowExecution child =
            e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
        WorkflowExecutionHistory h = client.fetchHistory(child.getWorkflowId(), child.getRunId());
        int childShards =
            (int)
                h.getEvents().stream()
                    .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                    .count();
        shards = Math.max(shards, childShards);
        if (h.getEvents().size() > largest) {
          largest = h.getEvents().size();
          largestId = child.getWorkflowId();
          largestShards = childShards;
        }
      }
    }
    if (!largestId.startsWith(ShardedStageWorkflow.workflowId(runId, 1, ""))) {
      throw new IllegalStateException(runId + ": no stage child ran (" + largestId + ")");
    }
    return new Row(
        samples, shards, loop.getEvents().size(), largest, largestId, largestShards, seconds);
  }

  /**
   * The benchmark's run: one iteration, D_1 = the whole seed pool of {@code samples}, a tiny model
   * with one SFT and one GRPO step and answers cut at 8 tokens (probing stays cheap per sample),
   * the simulated judge and generator with k = 1, and the default heartbeat timeout (stages with no
   * step to beat on keep their attempts alive in the background, so 100,000 samples need no longer
   * one).
   */
  String spec(int samples) {
    return String.join(
        "\n",
        "name: bench-history",
        "iterations: 1",
        "data:",
        "  source: world",
        "  world: {seed: 7, tools: 20, train: " + samples + ", test: 20, noise: 0.15}",
        "  initialSize: " + samples,
        "policy:",
        "  backend: builtin",
        "  sftSteps: 1",
        "  grpoSteps: 1",
        "  batchSize: 2",
        "  groupSize: 2",
        "  checkpointEvery: 1",
        "  maxNewTokens: 8",
        "  model: {dModel: 16, layers: 1, heads: 1, vocab: 300, maxSeq: 160, ngram: 1, callIndex: 0}",
        "judge: {backend: simulated, errorRate: 0.05}",
        "generator: {backend: simulated, k: 1}",
        "execution:",
        "  shardSize: " + shardSize,
        "  maxParallelShards: " + maxParallelShards,
        "");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
