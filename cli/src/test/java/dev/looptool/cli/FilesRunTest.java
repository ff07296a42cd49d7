package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.cli.crash.CliProcess;
import dev.looptool.core.interop.DatasetExport;
import dev.looptool.core.interop.DatasetFormats;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.json.Json;
import dev.looptool.world.Reject;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.WorldSample;
import dev.looptool.world.WorldSink;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on the user's own files in two public formats: seed data as OpenAI/TRL chat records, the
 * held-out test a slice of BFCL-v3 with its possible answers, judge and generator behind an
 * OpenAI-compatible endpoint (a fake one on 127.0.0.1). The run starts, converts both files and
 * completes an iteration.
 */
class FilesRunTest {
  @Test
  void aRunStartsFromOpenAiRecordsAndABfclTestSet(@TempDir Path tmp) throws Exception {
    Path worldSamples = tmp.resolve("world.jsonl");
    try (JsonlWriter w = new JsonlWriter(Files.newOutputStream(worldSamples))) {
      new WorldGenerator(WorldConfig.defaults(3).withCounts(60, 0).withNoise(0.0, null))
          .generate(
              new WorldSink() {
                @Override
                public void sample(WorldSample s) throws java.io.IOException {
                  w.write(s.sample());
                }

                @Override
                public void reject(Reject r) {
                  // not a sample
                }
              });
    }
    Path seed = tmp.resolve("seed-openai.jsonl");
    try (OutputStream out = Files.newOutputStream(seed)) {
      DatasetExport.run(
          worldSamples,
          DatasetFormats.byName("openai"),
          false,
          out,
          OutputStream.nullOutputStream(),
          e -> {
            throw new AssertionError(e.toString());
          });
    }
    // The first 30 BFCL simple questions, with their answers beside them as BFCL ships them.
    Path bfcl =
        Path.of(System.getProperty("looptool.repo.root", "..")).resolve("../shared/data/bfcl-v3");
    Path test = tmp.resolve("bfcl/BFCL_v3_simple.json");
    Files.createDirectories(test.resolveSibling("possible_answer"));
    Files.write(test, Files.readAllLines(bfcl.resolve("BFCL_v3_simple.json")).subList(0, 30));
    Files.copy(
        bfcl.resolve("possible_answer/BFCL_v3_simple.json"),
        test.resolveSibling("possible_answer/BFCL_v3_simple.json"));

    try (FakeOpenAiServer llm = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      String endpoint = "[{baseUrls: [\"" + llm.baseUrl() + "\"], model: fake}]";
      Path spec = tmp.resolve("files.yaml");
      Files.writeString(
          spec,
          String.join(
              "\n",
              "iterations: 1",
              "data:",
              "  source: files",
              "  seedFile: " + seed,
              "  testFile: " + test,
              "  testFormat: bfcl",
              "  initialSize: 30",
              "policy:",
              "  sftSteps: 20",
              "  grpoSteps: 2",
              "  batchSize: 4",
              "  groupSize: 2",
              "  model: {dModel: 32, layers: 1, heads: 2}",
              "judge: {backend: openai, endpoints: " + endpoint + "}",
              "generator: {backend: openai, k: 1, endpoints: " + endpoint + "}",
              "execution: {searchAttributes: false}",
              ""));
      CliProcess.Result r = CliProcess.runSpec(tmp, spec, "files");
      assertEquals(0, r.exitCode(), r.stdoutAndErr());
    }
    Path run = tmp.resolve("store/runs/files");
    assertEquals(60, Files.readAllLines(run.resolve("seed/pool.jsonl")).size());
    List<String> tests = Files.readAllLines(run.resolve("seed/test.jsonl"));
    assertEquals(30, tests.size());
    JsonNode first = Json.parse(tests.get(0));
    assertEquals("simple_0", first.path("meta").path("sourceId").asText());
    assertEquals("bfcl", first.path("meta").path("source").asText());
    assertTrue(Files.exists(run.resolve("iter-01/eval.json")));
    JsonNode eval = Json.parse(Files.readString(run.resolve("iter-01/eval.json")));
    assertEquals(30, eval.path("samples").asInt(), eval.toString());
  }
}
