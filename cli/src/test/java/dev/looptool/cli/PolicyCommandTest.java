package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
  @TempDir Path tmp;

  static final List<String> TINY = CliRunner.tinyModel(128, 48);

  static Path write(Path file, int n) throws IOException {
    ToolSpec alarm = Fixtures.alarmTool();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      Sample s =
          new Sample(
              "s" + i,
              List.of(alarm),
              List.of(Message.user("alarm at " + (i % 24))),
              Label.ofCalls(List.of(ToolCall.of("set_alarm", Json.object().put("hour", i % 24)))),
              null,
              (com.fasterxml.jackson.databind.node.ObjectNode)
                  Json.object().put("shape", "single"));
      sb.append(SampleJson.toJson(s)).append('\n');
    }
    Files.writeString(file, sb.toString());
    return file;
  }

  static String[] args(String... head) {
    List<String> a = new ArrayList<>(List.of(head));
    a.addAll(TINY);
    return a.toArray(new String[0]);
  }

  @Test
  void grpoWarmsUpWithoutInitAndSpeaksTheExternalTrainersProtocol() throws IOException {
    Path train = write(tmp.resolve("train.jsonl"), 20);
    Path grpo = tmp.resolve("grpo");
    CliRunner.Result r =
        CliRunner.run(
            args(
                "policy",
                "grpo",
                "--train",
                train.toString(),
                "--init",
                "",
                "--warmup-steps",
                "2",
                "--out",
                grpo.toString(),
                "--steps",
                "3",
                "--group",
                "2",
                "--batch",
                "2",
                "--log-every",
                "2",
                "--checkpoint-every",
                "1",
                "--progress",
                "json"));
    assertEquals(0, r.exitCode(), r.err());
    List<JsonNode> reports = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      if (line.startsWith("{")) {
        reports.add(Json.parse(line));
      }
    }
    assertTrue(reports.stream().anyMatch(n -> n.get("phase").asText().equals("sft")), r.out());
    assertTrue(Files.isDirectory(grpo.resolve("warmup")));
    // Steps 2 and 3 (every second and the last), and step 1 for its new checkpoint.
    assertEquals(
        List.of(1L, 2L, 3L),
        reports.stream()
            .filter(n -> n.get("phase").asText().equals("grpo"))
            .map(n -> n.get("step").asLong())
            .toList());
    JsonNode last = reports.get(reports.size() - 1);
    assertEquals(3, last.get("total_steps").asInt());
    assertTrue(last.has("mean_reward") && last.has("loss") && last.has("tokens_per_second"));
    assertTrue(Files.isDirectory(Path.of(last.get("checkpoint").asText())), last.toString());
  }

  @Test
  void sftThenGrpoThenProbeAndEvalWriteWhatTheyPromise() throws IOException {
    Path train = write(tmp.resolve("train.jsonl"), 40);
    Path test = write(tmp.resolve("test.jsonl"), 10);
    Path sft = tmp.resolve("sft");
    assertEquals(
        0,
        LoopToolCli.execute(
            args(
                "policy",
                "sft",
                "--train",
                train.toString(),
                "--test",
                test.toString(),
                "--out",
                sft.toString(),
                "--steps",
                "3",
                "--batch",
                "4")));
    JsonNode ev = Json.parse(Files.readString(sft.resolve("eval.json")));
    assertEquals(10, ev.get("samples").asInt());
    assertTrue(ev.get("byShape").has("single"));

    Path grpo = tmp.resolve("grpo");
    assertEquals(
        0,
        LoopToolCli.execute(
            "policy",
            "grpo",
            "--train",
            train.toString(),
            "--init",
            sft.toString(),
            "--out",
            grpo.toString(),
            "--steps",
            "1",
            "--group",
            "2",
            "--batch",
            "2",
            "--temperature",
            "0.7"));
    assertTrue(Files.isDirectory(grpo.resolve("step-0000001")));
    JsonNode grpoConfig =
        Json.parse(Files.readString(grpo.resolve("step-0000001/model.json"))).get("config");
    assertEquals(0.7, grpoConfig.get("temperature").asDouble());
    assertEquals(2e-5, grpoConfig.get("learningRate").asDouble());

    Path probe = tmp.resolve("probe.jsonl");
    assertEquals(
        0,
        LoopToolCli.execute(
            "policy",
            "probe",
            "--model",
            grpo.toString(),
            "--data",
            test.toString(),
            "--out",
            probe.toString()));
    List<String> lines = Files.readAllLines(probe);
    assertEquals(10, lines.size());
    JsonNode first = Json.parse(lines.get(0));
    assertEquals("s0", first.get("id").asText());
    for (String field : List.of("prediction", "calls", "logprobs", "ppl", "mastered")) {
      assertTrue(first.has(field), field);
    }
    assertTrue(first.get("ppl").asDouble() >= 1.0);

    Path json = tmp.resolve("eval.json");
    assertEquals(
        0,
        LoopToolCli.execute(
            "policy",
            "eval",
            "--model",
            grpo.toString(),
            "--data",
            test.toString(),
            "--json",
            json.toString()));
    assertEquals(10, Json.parse(Files.readString(json)).get("samples").asInt());
  }

  @Test
  void aBadTrainingFileFailsNamingFileLineAndField() throws IOException {
    Path train = write(tmp.resolve("train.jsonl"), 3);
    Files.writeString(
        train,
        Files.readString(train)
            + "{\"id\":\"x\",\"messages\":[],\"label\":{\"calls\":[{\"arguments\":{}}]}}\n");
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(new LoopToolCli());
    cl.setErr(new java.io.PrintWriter(err));
    int code =
        cl.execute(
            args(
                "policy",
                "sft",
                "--train",
                train.toString(),
                "--out",
                tmp.resolve("o").toString(),
                "--steps",
                "1"));
    assertEquals(2, code);
    assertTrue(err.toString().contains(train.toString() + ":4"), err.toString());
  }
}
