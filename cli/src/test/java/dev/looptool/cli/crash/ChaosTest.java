package dev.looptool.cli.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workers.TemporalConnection;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.loop.LoopSearchAttributes;
import dev.looptool.workflows.loop.Stage;
import dev.looptool.workflows.spec.ExecutionSpec;
import dev.looptool.workflows.spec.RunSpec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system under SIGKILL: {@code looptool server} and one process per worker (two workflow
 * workers and two LLM workers at once, one CPU and one GPU worker), a two-iteration run, and a
 * monkey that kills a random worker process at random moments, in every stage it sees, at
 * continue-as-new and during the report, and starts it again after a random pause. The run must
 * complete with every artifact byte-identical to an uninterrupted run of the same cluster: no
 * sample lost or duplicated by the kills or by two workers of one pool running side by side. A
 * seventh worker, of every activity pool but on another store and never killed, takes its share of
 * the tasks from the seed on: each must fail saying the store lacks the run, and the run must
 * neither move there nor change.
 *
 * <p>Its size comes from system properties, so the same test runs small in {@code mvn verify} and
 * longer by hand: {@code looptool.chaos.kills} (the fewest kills, default 10), {@code
 * looptool.chaos.seed} (the monkey's seed; default: a fresh one, printed). For example {@code mvn
 * -pl cli -am verify -Dtest=ChaosTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlooptool.chaos.kills=30}.
 */
class ChaosTest {
  static final String RUN_ID = "chaos";
  static final int MIN_KILLS = Integer.getInteger("looptool.chaos.kills", 10);

  /**
   * The most random kills (beside one per stage entered and one at continue-as-new), so that a run
   * always gets to finish, through its report.
   */
  static final int MAX_RANDOM_KILLS = 2 * MIN_KILLS;

  /** The stages every run goes through long enough to be seen; each must have had a kill. */
  static final Set<String> LONG_STAGES =
      Set.of("sft", "train", "probe", "judge", "expand", "evaluate", "report");

  @TempDir Path tmp;

  /** The crash test's run, with shards small enough that each stage has several. */
  static RunSpec spec() {
    RunSpec s = CrashResumeTest.spec();
    return new RunSpec(
        "chaos",
        s.iterations(),
        s.data(),
        s.policy(),
        s.judge(),
        s.generator(),
        s.merge(),
        s.ablations(),
        new ExecutionSpec(32, 2, 30, 30, 5, true));
  }

  /** One kill: when (the run's stage then), which process, how long it stayed down. */
  record Kill(int iteration, String stage, String process, long downMillis) {
    @Override
    public String toString() {
      return "iteration "
          + iteration
          + " "
          + stage
          + ": "
          + process
          + " (down "
          + downMillis
          + " ms)";
    }
  }

  @Test
  void randomKillsOfEveryProcessInEveryStageLeaveTheRunByteIdenticalToAnUninterruptedOne()
      throws Exception {
    long seed = Long.getLong("looptool.chaos.seed", System.nanoTime());
    System.out.println("chaos: monkey seed " + seed + " (-Dlooptool.chaos.seed to repeat)");

    long cleanStart = System.nanoTime();
    LoopResult clean;
    try (Cluster c = new Cluster(tmp.resolve("clean"))) {
      c.start();
      clean = c.result(Duration.ofMinutes(10));
    }
    long cleanMillis = (System.nanoTime() - cleanStart) / 1_000_000;

    long chaosStart = System.nanoTime();
    List<Kill> kills;
    LoopResult survived;
    Path elsewhereLog;
    Path elsewhereStore = tmp.resolve("chaos/elsewhere-store");
    try (Cluster c = new Cluster(tmp.resolve("chaos"))) {
      c.start();
      // Once the seed is in the run's store: a worker of every activity pool on another store,
      // never killed, taking its share of the tasks.
      RunWatch.waitFor(
          () -> Files.exists(c.store.resolve("runs").resolve(RUN_ID).resolve("manifest.json")),
          "the seed stage",
          Duration.ofMinutes(5));
      Member elsewhere = c.startElsewhere(elsewhereStore);
      elsewhereLog = elsewhere.log();
      kills = new Monkey(c, new Random(seed)).run();
      survived = c.result(Duration.ofMinutes(10));
    }
    long chaosMillis = (System.nanoTime() - chaosStart) / 1_000_000;

    System.out.println("chaos: " + kills.size() + " kills:");
    kills.forEach(k -> System.out.println("  " + k));
    System.out.printf(
        "chaos: uninterrupted %.1f s, under %d kills %.1f s (%.2fx)%n",
        cleanMillis / 1000.0,
        kills.size(),
        chaosMillis / 1000.0,
        chaosMillis / (double) cleanMillis);

    assertTrue(kills.size() >= MIN_KILLS, "at least " + MIN_KILLS + " kills: " + kills);
    Set<String> hit = new TreeSet<>();
    kills.forEach(k -> hit.add(k.stage()));
    assertTrue(hit.containsAll(LONG_STAGES), "a kill in every stage " + LONG_STAGES + ": " + hit);
    assertTrue(hit.contains(Monkey.CONTINUE_AS_NEW), "a kill at continue-as-new: " + hit);
    assertEquals(clean, survived, "the run's results");
    String elsewhere = Files.readString(elsewhereLog);
    assertTrue(
        elsewhere.contains("this worker's store has no run " + RUN_ID),
        "the worker on another store said so:\n" + elsewhere);
    assertFalse(
        Files.exists(elsewhereStore.resolve("runs").resolve(RUN_ID).resolve("manifest.json")),
        "the run did not move to the other store");
    RunWatch.assertSameArtifacts(
        tmp.resolve("clean/store/runs").resolve(RUN_ID),
        tmp.resolve("chaos/store/runs").resolve(RUN_ID));
  }

  /**
   * Kills a random running process at random moments until the run ends: on entering each stage
   * (after a short random delay, so short stages are hit too; half the time a worker of the pool
   * doing the stage's work), when the first iteration has been evaluated (its workflow task
   * continues as new), and otherwise 1 to 4 s after every process is back. Each killed process is
   * started again 0 to 2 s later, in the background, so the stage kills go on while it comes back
   * (several processes, even every worker of a pool, may be down at once).
   */
  static final class Monkey {
    static final String CONTINUE_AS_NEW = "continue-as-new";

    private final Cluster cluster;
    private final Random random;
    private final List<Kill> kills = new ArrayList<>();
    private final ExecutorService restarts = Executors.newCachedThreadPool();
    private final List<Future<?>> pending = new ArrayList<>();

    Monkey(Cluster cluster, Random random) {
      this.cluster = cluster;
      this.random = random;
    }

    List<Kill> run() throws Exception {
      Set<String> stagesHit = new TreeSet<>();
      boolean continueAsNewHit = false;
      long nextRandomKill = 0; // none planned
      Path firstEval = cluster.store.resolve("runs").resolve(RUN_ID).resolve("iter-01/eval.json");
      try {
        int randomKills = 0;
        while (true) {
          Where w = cluster.where();
          if (w == null) {
            break; // the run has ended
          }
          if (!continueAsNewHit && w.iteration() == 1 && Files.exists(firstEval)) {
            continueAsNewHit = kill(cluster.running("workflow", random), 1, CONTINUE_AS_NEW);
            continue;
          }
          String key = w.iteration() + "/" + w.stage();
          if (!stagesHit.contains(key) && !w.stage().equals("done")) {
            Thread.sleep(millis(0, 150));
            // Half the time the pool doing the stage's work, else any process.
            Member m = random.nextBoolean() ? cluster.running(poolOf(w.stage()), random) : null;
            if (kill(m != null ? m : cluster.running("", random), w.iteration(), w.stage())) {
              stagesHit.add(key);
            }
            continue;
          }
          // Random kills only once every process is back, so that the run makes progress between
          // them however long a restart takes on a busy machine.
          if (!cluster.allRunning()) {
            nextRandomKill = 0;
          } else if (nextRandomKill == 0) {
            nextRandomKill = System.nanoTime() + millis(1_000, 4_000) * 1_000_000;
          } else if (System.nanoTime() >= nextRandomKill && randomKills < MAX_RANDOM_KILLS) {
            randomKills += kill(cluster.running("", random), w.iteration(), w.stage()) ? 1 : 0;
            nextRandomKill = 0;
            continue;
          }
          Thread.sleep(20);
        }
        for (Future<?> f : pending) {
          f.get(); // every killed process is back (or its restart failed the test)
        }
      } finally {
        restarts.shutdownNow();
      }
      return kills;
    }

    /** The pool whose activities a stage runs (by worker name prefix). */
    static String poolOf(String stage) {
      return switch (stage) {
        case "sft", "train", "probe", "evaluate" -> "gpu";
        case "judge", "expand" -> "llm";
        default -> "cpu"; // seed, correct, merge, report
      };
    }

    /** SIGKILLs {@code m} (false when none runs) and starts it again after a random pause. */
    private boolean kill(Member m, int iteration, String stage) throws Exception {
      if (m == null) {
        return false;
      }
      long down = millis(0, 2_000);
      m.kill();
      kills.add(new Kill(iteration, stage, m.name, down));
      pending.add(
          restarts.submit(
              () -> {
                Thread.sleep(down);
                m.restart();
                return null;
              }));
      return true;
    }

    private long millis(int from, int to) {
      return from + random.nextInt(to - from + 1);
    }
  }

  /** The run's iteration and stage label as its search attributes say. */
  record Where(int iteration, String stage) {}

  /** One worker process of the cluster, under its name, started again after each kill. */
  static final class Member {
    final String name;
    final String[] pools;
    final Cluster cluster;
    final Path store;
    ChildWorker process;

    /** Whether the process runs and has said it polls; false from its kill until then. */
    volatile boolean running;

    Member(String name, Cluster cluster, Path store, String... pools)
        throws IOException, InterruptedException {
      this.name = name;
      this.pools = pools;
      this.cluster = cluster;
      this.store = store;
      restart();
    }

    void kill() throws InterruptedException {
      running = false;
      process.kill();
    }

    Path log() {
      return cluster.dir.resolve(name + ".log");
    }

    /** Starts the process again and waits until it says it polls (its log's start line). */
    void restart() throws IOException, InterruptedException {
      long before = starts();
      process = ChildWorker.start(cluster.target, store, log(), pools);
      RunWatch.waitFor(() -> starts() > before, name + " to start", Duration.ofMinutes(2));
      running = true;
    }

    private long starts() {
      try {
        return Files.exists(log())
            ? Files.readAllLines(log()).stream()
                .filter(l -> l.startsWith("looptool worker:"))
                .count()
            : 0;
      } catch (IOException e) {
        return 0;
      }
    }
  }

  /**
   * {@code looptool server} in a process of its own and six worker processes sharing one store: two
   * workflow workers, one CPU, two LLM and one GPU worker.
   */
  static final class Cluster implements AutoCloseable {
    final Path dir;
    final Path store;
    final String target;
    final Process server;
    final TemporalConnection conn;
    final List<Member> members = new ArrayList<>();

    /** Workers the monkey leaves alone (the one on another store). */
    final List<Member> bystanders = new ArrayList<>();

    private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;
    private Where last = new Where(1, Stage.SEED.label());

    Cluster(Path dir) throws Exception {
      this.dir = dir;
      this.store = dir.resolve("store");
      Files.createDirectories(dir);
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      this.target = "127.0.0.1:" + port;
      Path serverLog = dir.resolve("server.log");
      this.server =
          ChildJvm.looptool(List.of("server", "--port", Integer.toString(port)))
              .redirectErrorStream(true)
              .redirectOutput(serverLog.toFile())
              .start();
      RunWatch.waitFor(
          () -> logSays(serverLog, "looptool server: Temporal test server on"),
          "looptool server to listen",
          Duration.ofMinutes(2));
      this.conn = new TemporalConnection(target, "default", null);
    }

    /** Starts the run, then the workers (so their start-up does not slow the first request). */
    void start() throws Exception {
      startRun();
      members.add(new Member("workflow-1", this, store, "workflow"));
      members.add(new Member("workflow-2", this, store, "workflow"));
      members.add(new Member("cpu", this, store, "cpu"));
      members.add(new Member("llm-1", this, store, "llm"));
      members.add(new Member("llm-2", this, store, "llm"));
      members.add(new Member("gpu", this, store, "gpu"));
    }

    private static List<Member> concat(List<Member> a, List<Member> b) {
      List<Member> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }

    private static boolean logSays(Path log, String text) {
      try {
        return Files.exists(log) && Files.readString(log).contains(text);
      } catch (IOException e) {
        return false;
      }
    }

    WorkflowClient client() {
      return conn.client();
    }

    /**
     * Starts the run, again after a timeout (on a busy 2-core machine the first connection can take
     * longer than the SDK's deadline); a start that did reach the server counts.
     */
    private void startRun() throws InterruptedException {
      for (int attempt = 1; ; attempt++) {
        try {
          startRunOnce();
          return;
        } catch (io.temporal.client.WorkflowExecutionAlreadyStarted started) {
          return;
        } catch (io.temporal.client.WorkflowServiceException e) {
          if (attempt == 10) {
            throw e;
          }
          Thread.sleep(1_000);
        }
      }
    }

    private void startRunOnce() {
      RunWatch.startRun(client(), RUN_ID, spec());
    }

    /**
     * Where the run is now, from its event history alone (no worker needed): the iteration and
     * stage of the last search-attribute upsert in the chain's newest run; null once the chain has
     * ended. (The history, not the server's describe: the test server does not return custom search
     * attributes there.)
     */
    Where where() {
      List<HistoryEvent> events;
      try {
        events = client().fetchHistory(RUN_ID).getEvents();
      } catch (io.temporal.client.WorkflowServiceException | io.grpc.StatusRuntimeException slow) {
        return last; // the server was slow to answer: the run is where it was last seen
      }
      for (HistoryEvent e : events) {
        switch (e.getEventType()) {
          case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
              EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
              EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
              EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
              EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
            return null;
          }
          case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> {
            Map<String, Payload> fields =
                e.getUpsertWorkflowSearchAttributesEventAttributes()
                    .getSearchAttributes()
                    .getIndexedFieldsMap();
            int iteration = last.iteration();
            String stage = last.stage();
            Payload it = fields.get(LoopSearchAttributes.ITERATION.getName());
            if (it != null) {
              iteration = CONVERTER.fromPayload(it, Long.class, Long.class).intValue();
            }
            Payload st = fields.get(LoopSearchAttributes.STAGE.getName());
            if (st != null) {
              stage = CONVERTER.fromPayload(st, String.class, String.class);
            }
            last = new Where(iteration, stage);
          }
          default -> {}
        }
      }
      return last;
    }

    Member startElsewhere(Path otherStore) throws IOException, InterruptedException {
      Member m = new Member("elsewhere", this, otherStore, "cpu", "llm", "gpu");
      bystanders.add(m);
      return m;
    }

    boolean allRunning() {
      return members.stream().allMatch(m -> m.running);
    }

    /** A random running member whose name starts with {@code prefix}; null when none runs. */
    Member running(String prefix, Random random) {
      List<Member> of =
          members.stream().filter(m -> m.running && m.name.startsWith(prefix)).toList();
      return of.isEmpty() ? null : of.get(random.nextInt(of.size()));
    }

    LoopResult result(Duration limit) throws Exception {
      return client()
          .newUntypedWorkflowStub(RUN_ID)
          .getResult(limit.toSeconds(), TimeUnit.SECONDS, LoopResult.class);
    }

    @Override
    public void close() throws Exception {
      Map<String, Exception> failures = new LinkedHashMap<>();
      for (Member m : concat(members, bystanders)) {
        try {
          m.process.close();
        } catch (Exception e) {
          failures.put(m.name, e);
        }
      }
      conn.close();
      server.destroyForcibly();
      server.waitFor();
      if (!failures.isEmpty()) {
        throw failures.values().iterator().next();
      }
    }
  }
}
