package dev.looptool.cli.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.cli.CliRunner;
import dev.looptool.cli.LoopToolCli;
import dev.looptool.cli.crash.ChildJvm;
import dev.looptool.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small {@code examples/external-builtin.yaml}: {@code policy.backend: external} with real
 * processes — the trainer is {@code looptool policy grpo} (speaking the progress protocol), each
 * checkpoint is served by {@code looptool serve} started by the GPU worker — and the served process
 * SIGKILLed once during the run. Every iteration must have probed and evaluated its own checkpoint
 * through its own server, and the evaluation through the server must equal {@code policy eval} of
 * that checkpoint to the sample.
 */
class ExternalBuiltinRunTest {
  static final List<String> TINY = CliRunner.tinyModel(160, 64);

  /** A looptool command as the GPU worker starts it: this JVM's class path in a fresh java. */
  static ArrayNode command(List<String> args) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    ChildJvm.looptool(args).command().forEach(a::add);
    return a;
  }

  /**
   * Whether a process is a {@code looptool serve}: its full command line from /proc (the JDK's
   * {@code ProcessHandle.Info} cuts long class paths off before the arguments).
   */
  static boolean isModelServer(ProcessHandle p) {
    try {
      String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      return cmdline.contains("\0serve\0--model\0");
    } catch (java.io.IOException e) {
      return false; // gone already
    }
  }

  @Test
  void eachIterationProbesAndEvaluatesItsOwnServedCheckpointAndSurvivesAKilledServer(
      @TempDir Path tmp) throws Exception {
    List<String> trainer =
        new ArrayList<>(
            List.of(
                "policy",
                "grpo",
                "--train",
                "{train_file}",
                "--init",
                "{init_checkpoint}",
                "--warmup-steps",
                "60",
                "--out",
                "{output_dir}",
                "--seed",
                "{seed}",
                "--steps",
                "2",
                "--batch",
                "4",
                "--group",
                "4",
                "--checkpoint-every",
                "1",
                "--progress",
                "json"));
    trainer.addAll(TINY);
    ObjectNode spec = Json.object();
    spec.put("name", "external-small").put("iterations", 2);
    spec.putObject("data")
        .put("source", "world")
        .put("initialSize", 160)
        .putObject("world")
        .put("seed", 5)
        .put("tools", 10)
        .put("train", 600)
        .put("test", 40)
        .put("noise", 0.15);
    ObjectNode policy = spec.putObject("policy");
    policy.put("backend", "external").put("groupSize", 4).put("seed", 1);
    ObjectNode external = policy.putObject("external");
    external.set("command", command(trainer));
    ObjectNode server = policy.putObject("server");
    server.set(
        "command",
        command(
            List.of(
                "serve",
                "--model",
                "{checkpoint}",
                "--port",
                "{port}",
                "--served-name",
                "{served_name}")));
    server.put("startTimeoutSeconds", 120).put("idleTimeoutSeconds", 30);
    spec.putObject("judge").put("backend", "simulated");
    spec.putObject("generator").put("backend", "simulated").put("k", 2);
    spec.putObject("execution").put("shardSize", 40).put("searchAttributes", false);
    Path specFile = tmp.resolve("external.json");
    Files.writeString(specFile, Json.compact(spec));

    Path store = tmp.resolve("store");
    Process run =
        ChildJvm.looptool(
                List.of(
                    "run",
                    "--config",
                    specFile.toString(),
                    "--store",
                    store.toString(),
                    "--run-id",
                    "ext"))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("run.log").toFile())
            .start();
    // Kill the first model server once it has answered for a while: the stage must restart it.
    AtomicInteger kills = new AtomicInteger();
    while (run.isAlive()) {
      if (kills.get() == 0) {
        Optional<ProcessHandle> served =
            run.descendants().filter(ExternalBuiltinRunTest::isModelServer).findFirst();
        if (served.isPresent()
            && Files.isDirectory(store.resolve("runs/ext/iter-01/probe"))
            && served.get().destroyForcibly()) {
          kills.incrementAndGet();
        }
      }
      Thread.sleep(200);
    }
    String log = Files.readString(tmp.resolve("run.log"));
    assertEquals(0, run.exitValue(), log);
    assertEquals(1, kills.get(), "the served model was killed once:\n" + log);
    assertTrue(
        log.lines()
                .filter(l -> l.contains("started model server for") && l.contains("iter-01"))
                .count()
            >= 2,
        "iteration 1's server was started again after the kill:\n" + log);

    Path runDir = store.resolve("runs/ext");
    for (int it = 1; it <= 2; it++) {
      String iter = String.format("iter-%02d", it);
      JsonNode eval = Json.parse(Files.readString(runDir.resolve(iter + "/eval.json")));
      String checkpoint = eval.get("checkpoint").asText();
      assertTrue(checkpoint.contains(iter), eval.toString());
      assertEquals("ext-" + iter, eval.get("served_model").asText(), eval.toString());
      try (Stream<Path> shards = Files.list(runDir.resolve(iter + "/probe"))) {
        for (Path shard : shards.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
          for (String line : Files.readAllLines(shard)) {
            JsonNode record = Json.parse(line);
            assertEquals(checkpoint, record.get("checkpoint").asText(), shard.toString());
            assertEquals("ext-" + iter, record.get("served_model").asText(), shard.toString());
          }
        }
      }
      // The evaluation through the served process equals the checkpoint decoded in this JVM.
      Path direct = tmp.resolve(iter + "-direct.json");
      assertEquals(
          0,
          LoopToolCli.execute(
              "policy",
              "eval",
              "--model",
              store.resolve(checkpoint).toString(),
              "--data",
              runDir.resolve("seed/test.jsonl").toString(),
              "--json",
              direct.toString()));
      JsonNode local = Json.parse(Files.readString(direct));
      assertEquals(local.get("samples").asInt(), eval.get("samples").asInt());
      assertEquals(local.get("matched").asInt(), eval.get("matched").asInt(), iter);
    }
  }
}
