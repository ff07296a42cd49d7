package dev.looptool.activities.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.common.ProcessTrees;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.concurrent.DaemonThreads;
import dev.looptool.core.json.Json;
import dev.looptool.workflows.spec.PolicySpec.ServerSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model servers a GPU worker runs, one per checkpoint ({@code policy.server.command}): started
 * on a free 127.0.0.1 port when a probe shard or the evaluation of a checkpoint first needs it,
 * ready once {@code GET /v1/models} lists the served name, shared by every activity of that
 * checkpoint that runs at once (reference-counted), and stopped, process tree and all, when a
 * different checkpoint is needed and it is unused, after it has been unused for the spec's idle
 * timeout, when an activity using it is cancelled and no other uses it, and on {@link #close()}
 * (the worker shutting down; a JVM shutdown hook covers SIGTERM). A server found dead is started
 * afresh by the next {@link #acquire}, so an activity's retry restarts a server killed mid-probe.
 * Its stdout and stderr go to {@code <logDir>/<served_name>-<port>.log}.
 *
 * <p>Long on purpose: the whole life of a server process (start, health check, sharing, restart,
 * idle stop, shutdown) in one class, so that its states and their changes read together.
 */
public final class ModelServers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServers.class);
  static final int LOG_TAIL_LINES = 30;
  private static final long POLL_MILLIS = 250;

  private final Path logDir;
  private final long graceMillis;
  private final Map<String, Server> servers = new HashMap<>();
  private final ScheduledExecutorService idle;
  private final HttpClient http;
  private final Thread hook;
  private boolean closed;

  public ModelServers(Path logDir) {
    this(logDir, 10_000);
  }

  /** {@code graceMillis}: how long a stopped server gets after SIGTERM before SIGKILL. */
  public ModelServers(Path logDir, long graceMillis) {
    this.logDir = logDir;
    this.graceMillis = graceMillis;
    this.idle =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("model-server-idle"));
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    this.hook = new Thread(this::stopAll, "model-servers-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The default log directory: under the system temporary directory. */
  public static Path defaultLogDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "looptool-model-servers");
  }

  /**
   * A ready server for {@code checkpoint} under {@code servedName}: the running one, or one started
   * now (waiting up to the spec's start timeout; {@code tick} runs every poll, to heartbeat).
   * Release it with {@link Lease#close()}.
   */
  public Lease acquire(
      ServerSpec spec, Path checkpoint, String servedName, String baseModel, Runnable tick)
      throws IOException, InterruptedException {
    Lease lease = acquireOnce(spec, checkpoint, servedName, baseModel, tick);
    if (lease.fresh || lease.server.answers()) {
      return lease;
    }
    // Alive but not answering (a crashed engine that has not exited yet, a hung one): replace it.
    Server broken = lease.server;
    LOG.warn("model server for {} no longer answers; starting it again", broken.key);
    synchronized (this) {
      if (servers.get(broken.key) == broken) {
        servers.remove(broken.key);
      }
    }
    broken.stop();
    lease.close();
    return acquireOnce(spec, checkpoint, servedName, baseModel, tick);
  }

  private Lease acquireOnce(
      ServerSpec spec, Path checkpoint, String servedName, String baseModel, Runnable tick)
      throws IOException, InterruptedException {
    Path ckpt = checkpoint.toAbsolutePath().normalize();
    String key = ckpt.toString();
    Server s;
    boolean starter = false;
    List<Server> toStop = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the model servers are shut down");
      }
      s = servers.get(key);
      if (s != null && s.ready.isDone() && !s.alive()) {
        LOG.warn("model server for {} died ({}); starting it again", key, s.exitNotice());
        servers.remove(key);
        toStop.add(s);
        s = null;
      }
      if (s == null) {
        // One GPU holds one model: unused servers of other checkpoints make room.
        servers
            .entrySet()
            .removeIf(
                e -> {
                  if (e.getValue().refs == 0) {
                    toStop.add(e.getValue());
                    return true;
                  }
                  return false;
                });
        s = new Server(spec, ckpt, servedName, baseModel, freePort());
        servers.put(key, s);
        starter = true;
      }
      s.refs++;
      s.cancelIdle();
    }
    toStop.forEach(Server::stop);
    try {
      if (starter) {
        s.start(tick);
      } else {
        s.awaitReady(tick);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      release(s, true);
      throw e;
    }
    return new Lease(s, starter);
  }

  /** Servers running now (for tests and logs): checkpoint path → port. */
  public synchronized Map<String, Integer> running() {
    Map<String, Integer> out = new LinkedHashMap<>();
    servers.forEach((k, v) -> out.put(k, v.port));
    return out;
  }

  private void release(Server s, boolean stopNow) {
    boolean stop = false;
    synchronized (this) {
      s.refs--;
      if (s.refs > 0) {
        return;
      }
      int idleSeconds = s.spec.idleTimeout();
      if (stopNow || idleSeconds == 0 || !s.alive()) {
        if (servers.get(s.key) == s) {
          servers.remove(s.key);
        }
        stop = true;
      } else {
        s.idleStop = idle.schedule(() -> stopIfIdle(s), idleSeconds, TimeUnit.SECONDS);
      }
    }
    if (stop) {
      s.stop();
    }
  }

  private void stopIfIdle(Server s) {
    synchronized (this) {
      if (s.refs > 0 || servers.get(s.key) != s) {
        return;
      }
      servers.remove(s.key);
    }
    LOG.info("model server for {} unused for {} s: stopping it", s.key, s.spec.idleTimeout());
    s.stop();
  }

  private void stopAll() {
    List<Server> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(servers.values());
      servers.clear();
    }
    all.forEach(Server::stop);
  }

  @Override
  public void close() {
    stopAll();
    idle.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** One server process for one checkpoint. */
  private final class Server {
    final ServerSpec spec;
    final Path checkpoint;
    final String key;
    final String servedName;
    final String baseModel;
    final int port;
    final Path log;
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    int refs;
    ScheduledFuture<?> idleStop;
    volatile Process process;
    volatile boolean stopped;
    OpenAiClient client;

    Server(ServerSpec spec, Path checkpoint, String servedName, String baseModel, int port) {
      this.spec = spec;
      this.checkpoint = checkpoint;
      this.key = checkpoint.toString();
      this.servedName = servedName;
      this.baseModel = baseModel;
      this.port = port;
      this.log = logDir.resolve(servedName + "-" + port + ".log");
    }

    String baseUrl() {
      return "http://127.0.0.1:" + port + "/v1";
    }

    Map<String, String> values() {
      Map<String, String> v = new LinkedHashMap<>();
      v.put("checkpoint", checkpoint.toString());
      v.put("port", Integer.toString(port));
      v.put("served_name", servedName);
      v.put("base_model", baseModel == null ? "" : baseModel);
      return v;
    }

    void cancelIdle() {
      if (idleStop != null) {
        idleStop.cancel(false);
        idleStop = null;
      }
    }

    boolean alive() {
      Process p = process;
      return p != null && p.isAlive() && !stopped;
    }

    void start(Runnable tick) throws IOException, InterruptedException {
      try {
        launch();
        waitHealthy(tick);
        ready.complete(null);
        LOG.info("model server for {} ready as '{}' on {}", key, servedName, baseUrl());
      } catch (IOException | InterruptedException | RuntimeException e) {
        ready.completeExceptionally(e);
        throw e;
      }
    }

    private void launch() throws IOException {
      Files.createDirectories(logDir);
      Map<String, String> v = values();
      List<String> command = new ArrayList<>();
      for (String arg : spec.command()) {
        command.add(Placeholders.fill(arg, v));
      }
      ProcessBuilder pb = new ProcessBuilder(command);
      if (spec.workingDir() != null) {
        pb.directory(Path.of(spec.workingDir()).toFile());
      }
      if (spec.environment() != null) {
        spec.environment().forEach((k, val) -> pb.environment().put(k, Placeholders.fill(val, v)));
      }
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
      synchronized (this) {
        if (stopped) {
          throw new IOException("the model server for " + key + " was stopped before it started");
        }
        process = pb.start();
      }
      LOG.info("started model server for {} (pid {}): {}", key, process.pid(), command);
      // A server that dies on its own takes its client with it: requests waiting for it (its
      // breaker open) fail now, so the activity says the server died and its retry starts a new
      // one, instead of waiting on a replica that nobody will bring back.
      process.onExit().thenRun(this::closeClientIfDied);
    }

    private void waitHealthy(Runnable tick) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(spec.startTimeout());
      String lastProblem = "no answer yet";
      while (true) {
        if (!alive()) {
          throw new IOException(
              "the model server for "
                  + key
                  + (stopped ? " was stopped" : " exited with " + process.exitValue())
                  + " before it listed '"
                  + servedName
                  + "' on "
                  + baseUrl()
                  + "/models; "
                  + logTail());
        }
        try {
          if (lists()) {
            return;
          }
          lastProblem = "the list does not name '" + servedName + "' yet";
        } catch (IOException notUpYet) {
          lastProblem = notUpYet.toString();
        }
        if (System.nanoTime() > deadline) {
          stop();
          throw new IOException(
              "the model server for "
                  + key
                  + " did not list '"
                  + servedName
                  + "' on "
                  + baseUrl()
                  + "/models within "
                  + spec.startTimeout()
                  + " s (policy.server.startTimeoutSeconds; last: "
                  + lastProblem
                  + "); "
                  + logTail());
        }
        tick.run();
        Thread.sleep(POLL_MILLIS);
      }
    }

    /** Whether a running server still lists the served name. */
    boolean answers() throws InterruptedException {
      try {
        return alive() && lists();
      } catch (IOException e) {
        return false;
      }
    }

    private boolean lists() throws IOException, InterruptedException {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/models"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("GET /v1/models answered " + r.statusCode());
      }
      for (JsonNode m : Json.parse(r.body()).path("data")) {
        if (servedName.equals(m.path("id").asText())) {
          return true;
        }
      }
      return false;
    }

    void awaitReady(Runnable tick) throws IOException, InterruptedException {
      while (true) {
        try {
          ready.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          return;
        } catch (TimeoutException notYet) {
          tick.run();
        } catch (ExecutionException e) {
          throw new IOException(e.getCause().getMessage(), e.getCause());
        }
      }
    }

    synchronized OpenAiClient client(Function<String, OpenAiClient> factory) {
      if (client == null) {
        client = factory.apply(baseUrl());
      }
      return client;
    }

    private void closeClientIfDied() {
      OpenAiClient c;
      synchronized (this) {
        if (stopped) {
          return;
        }
        c = client;
        client = null;
      }
      if (c != null) {
        LOG.warn("model server for {} exited with {}", key, process.exitValue());
        c.close();
      }
    }

    void stop() {
      Process p;
      OpenAiClient c;
      synchronized (this) {
        stopped = true;
        p = process;
        c = client;
        client = null;
      }
      if (c != null) {
        c.close();
      }
      if (p != null && p.isAlive()) {
        LOG.info("stopping model server for {} (pid {})", key, p.pid());
        ProcessTrees.stop(p, graceMillis);
      }
      ready.completeExceptionally(new IOException("the model server for " + key + " stopped"));
    }

    String exitNotice() {
      Process p = process;
      String how =
          p == null
              ? "never started"
              : p.isAlive()
                  ? (stopped ? "was stopped" : "is running")
                  : "exited with " + p.exitValue();
      return "the model server for " + key + " " + how + "; " + logTail();
    }

    String logTail() {
      try {
        ArrayDeque<String> lines = new ArrayDeque<>();
        if (Files.exists(log)) {
          for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            lines.add(l);
            if (lines.size() > LOG_TAIL_LINES) {
              lines.removeFirst();
            }
          }
        }
        return "last lines of " + log + ":\n" + String.join("\n", lines);
      } catch (IOException e) {
        return "its log " + log + " is unreadable: " + e.getMessage();
      }
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win")
            ? "NUL"
            : "/dev/null");
  }

  /** One activity's use of a server; close it when done. */
  public final class Lease implements AutoCloseable {
    private final Server server;
    private final boolean fresh;
    private boolean released;

    private Lease(Server server, boolean fresh) {
      this.server = server;
      this.fresh = fresh;
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
      return server.baseUrl();
    }

    public String servedName() {
      return server.servedName;
    }

    public Path checkpoint() {
      return server.checkpoint;
    }

    public Path log() {
      return server.log;
    }

    public long pid() {
      return server.process.pid();
    }

    public boolean alive() {
      return server.alive();
    }

    /** How the server ended (or that it runs), with its log's last lines. */
    public String exitNotice() {
      return server.exitNotice();
    }

    /** The client of this server, one for all its leases; closed when the server stops. */
    public OpenAiClient client(Function<String, OpenAiClient> factory) {
      return server.client(factory);
    }

    /** Releases the server; unused, it stops after the idle timeout. */
    @Override
    public void close() {
      release(false);
    }

    /** Releases the server and stops it at once when no one else uses it (a cancelled activity). */
    public void closeAndStop() {
      release(true);
    }

    private synchronized void release(boolean stop) {
      if (!released) {
        released = true;
        ModelServers.this.release(server, stop);
      }
    }
  }
}
