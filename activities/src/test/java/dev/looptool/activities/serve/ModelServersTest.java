package dev.looptool.activities.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.workflows.spec.PolicySpec.ServerSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model servers as real child processes: start, share, restart, stop, and fail with their log. */
class ModelServersTest {
  @TempDir Path dir;
  ModelServers servers;
  Path ckptA;
  Path ckptB;

  @BeforeEach
  void setUp() throws IOException {
    servers = new ModelServers(dir.resolve("logs"), 2_000);
    ckptA = Files.createDirectories(dir.resolve("iter-01/ckpt"));
    ckptB = Files.createDirectories(dir.resolve("iter-02/ckpt"));
  }

  @AfterEach
  void tearDown() {
    servers.close();
  }

  static ServerSpec spec(List<String> command, int startTimeout) {
    return new ServerSpec(
        command, null, Map.of("LOOPTOOL_SERVED", "{served_name}"), startTimeout, 600, null);
  }

  /** A lease on a server for checkpoint A served as r-iter-01, run by {@code command}. */
  ModelServers.Lease acquireA(List<String> command, int startTimeout) throws Exception {
    return servers.acquire(spec(command, startTimeout), ckptA, "r-iter-01", null, () -> {});
  }

  static OpenAiClient client(String baseUrl, String model) {
    return new OpenAiClient(
        new EndpointConfig(
            List.of(baseUrl),
            model,
            null,
            2,
            0,
            5_000,
            0,
            0,
            0,
            new SamplingParams(null, null, null, null, null),
            null,
            null),
        "probe",
        new SimpleMeterRegistry());
  }

  @Test
  void concurrentLeasesOfOneCheckpointShareOneServerAndAnotherCheckpointReplacesIt()
      throws Exception {
    ServerSpec spec = spec(FakeModelServerMain.command(), 120);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Callable<ModelServers.Lease> take =
        () -> servers.acquire(spec, ckptA, "r-iter-01", null, () -> {});
    Future<ModelServers.Lease> f1 = pool.submit(take);
    Future<ModelServers.Lease> f2 = pool.submit(take);
    ModelServers.Lease a1 = f1.get();
    ModelServers.Lease a2 = f2.get();
    pool.shutdown();
    assertEquals(a1.baseUrl(), a2.baseUrl());
    assertEquals(a1.pid(), a2.pid());
    assertEquals(
        Map.of(ckptA.toString(), Integer.parseInt(a1.baseUrl().replaceAll(".*:(\\d+)/v1", "$1"))),
        servers.running());
    try (OpenAiClient c = client(a1.baseUrl(), "r-iter-01")) {
      ServedModels.verify(c, "r-iter-01", ckptA);
    }
    a1.close();
    assertTrue(a2.alive(), "the other lease still uses it");
    a2.close();
    assertTrue(a2.alive(), "unused, it waits for the idle timeout");
    ProcessHandle first = ProcessHandle.of(a1.pid()).orElseThrow();

    ModelServers.Lease b = servers.acquire(spec, ckptB, "r-iter-02", null, () -> {});
    assertFalse(first.isAlive(), "the unused server of the other checkpoint was stopped");
    assertEquals(List.of(ckptB.toString()), List.copyOf(servers.running().keySet()));
    assertNotEquals(a1.pid(), b.pid());
    b.close();
  }

  @Test
  void aServerThatDiedIsStartedAgainByTheNextAcquire() throws Exception {
    ServerSpec spec = spec(FakeModelServerMain.command(), 120);
    ModelServers.Lease first = servers.acquire(spec, ckptA, "r-iter-01", null, () -> {});
    ProcessHandle h = ProcessHandle.of(first.pid()).orElseThrow();
    h.destroyForcibly();
    h.onExit().get();
    assertFalse(first.alive());
    assertTrue(first.exitNotice().contains("exited with"), first.exitNotice());
    first.close();
    ModelServers.Lease again = servers.acquire(spec, ckptA, "r-iter-01", null, () -> {});
    assertTrue(again.alive());
    assertNotEquals(first.pid(), again.pid());
    try (OpenAiClient c = client(again.baseUrl(), "r-iter-01")) {
      ServedModels.verify(c, "r-iter-01", ckptA);
    }
    again.close();
  }

  @Test
  void closeStopsTheWholeProcessTree() throws Exception {
    ModelServers.Lease lease = acquireA(FakeModelServerMain.command("--child", "yes"), 120);
    String childLine =
        Files.readAllLines(lease.log()).stream()
            .filter(l -> l.startsWith("child "))
            .findFirst()
            .orElseThrow();
    ProcessHandle child =
        ProcessHandle.of(Long.parseLong(childLine.substring(6).strip())).orElseThrow();
    ProcessHandle server = ProcessHandle.of(lease.pid()).orElseThrow();
    assertTrue(child.isAlive());
    servers.close();
    child.onExit().get();
    server.onExit().get();
    assertFalse(child.isAlive());
    assertFalse(server.isAlive());
    assertEquals(Map.of(), servers.running());
    assertThrows(
        IllegalStateException.class,
        () -> servers.acquire(spec(FakeModelServerMain.command(), 1), ckptA, "x", null, () -> {}));
  }

  @Test
  void aCancelledActivityStopsTheServerAtOnce() throws Exception {
    ModelServers.Lease lease = acquireA(FakeModelServerMain.command(), 120);
    ProcessHandle server = ProcessHandle.of(lease.pid()).orElseThrow();
    lease.closeAndStop();
    server.onExit().get();
    assertEquals(Map.of(), servers.running());
  }

  @Test
  void aServerThatNeverGetsReadyFailsWithItsLogAndIsStopped() throws Exception {
    int[] ticks = {0};
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                servers.acquire(
                    spec(
                        List.of(
                            "sh", "-c", "echo booting $LOOPTOOL_SERVED on {port}; exec sleep 60"),
                        1),
                    ckptA,
                    "r-iter-01",
                    null,
                    () -> ticks[0]++));
    assertTrue(e.getMessage().contains("did not list 'r-iter-01'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("within 1 s (policy.server.startTimeoutSeconds"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("logs").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("booting r-iter-01 on "), e.getMessage());
    assertTrue(ticks[0] > 0, "start-up heartbeats");
    assertEquals(Map.of(), servers.running());
  }

  @Test
  void aServerThatExitsAtStartFailsWithItsExitCodeAndLog() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                acquireA(
                    List.of(
                        "sh", "-c", "echo 'error: unrecognized arguments: --bogus' >&2; exit 2"),
                    60));
    assertTrue(e.getMessage().contains("exited with 2"), e.getMessage());
    assertTrue(e.getMessage().contains("unrecognized arguments: --bogus"), e.getMessage());
    assertEquals(Map.of(), servers.running());
  }

  @Test
  void aServerServingAnotherRootFailsTheCheckLoudly() throws Exception {
    ModelServers.Lease lease = acquireA(FakeModelServerMain.command("--root", "/models/base"), 120);
    try (OpenAiClient c = client(lease.baseUrl(), "r-iter-01")) {
      BadInputException e =
          assertThrows(BadInputException.class, () -> ServedModels.verify(c, "r-iter-01", ckptA));
      assertTrue(
          e.getMessage().contains("serves 'r-iter-01' from /models/base, not from " + ckptA),
          e.getMessage());
      BadInputException missing =
          assertThrows(BadInputException.class, () -> ServedModels.verify(c, "r-iter-02", ckptA));
      assertTrue(
          missing.getMessage().contains("does not list 'r-iter-02' (it lists: r-iter-01)"),
          missing.getMessage());
    }
    lease.close();
  }
}
