package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.cli.crash.ChildJvm;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.policy.PolicyModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void servesATrainedCheckpointOnAnEphemeralPortAndStopsOnSigterm() throws Exception {
    Path train = PolicyCommandTest.write(tmp.resolve("train.jsonl"), 24);
    Path out = tmp.resolve("sft");
    assertEquals(
        0,
        LoopToolCli.execute(
            PolicyCommandTest.args(
                "policy",
                "sft",
                "--train",
                train.toString(),
                "--out",
                out.toString(),
                "--steps",
                "3",
                "--batch",
                "4")));
    List<Sample> samples = SampleReader.readAll(train).subList(0, 3);
    List<ProbeResult> expected;
    Path checkpoint;
    try (PolicyModel m = PolicyModel.load(out, true, 0)) {
      expected = m.probe(samples);
      checkpoint = m.checkpoint().toAbsolutePath().normalize();
    }

    ProcessBuilder pb =
        ChildJvm.looptool(List.of("serve", "--model", out.toString(), "--port", "0", "--cpu"));
    pb.redirectError(tmp.resolve("serve.err").toFile());
    Process p = pb.start();
    try {
      BufferedReader stdout =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = stdout.readLine();
      assertNotNull(line, "serve exited before it was ready");
      Matcher mt =
          Pattern.compile("serving (\\S+) from (.+) at (http://127\\.0\\.0\\.1:\\d+/v1)")
              .matcher(line);
      assertTrue(mt.matches(), line);
      // The served name defaults to the --model directory's name; root is the checkpoint used.
      assertEquals("sft", mt.group(1));
      assertEquals(checkpoint.toString(), mt.group(2));
      String base = mt.group(3);
      HttpClient http = HttpClient.newHttpClient();

      JsonNode models =
          Json.parse(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/models")).GET().build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      assertEquals("sft", models.path("data").path(0).path("id").asText());
      assertEquals(checkpoint.toString(), models.path("data").path(0).path("root").asText());

      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i);
        ObjectNode body = Json.object();
        body.put("model", "sft");
        body.put("prompt", HermesFormat.prompt(s.tools(), s.messages()));
        body.put("max_tokens", 48);
        body.put("temperature", 0);
        body.put("logprobs", 1);
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode c = Json.parse(r.body()).path("choices").path(0);
        assertEquals(expected.get(i).prediction(), c.path("text").asText());
        double sum = 0;
        for (JsonNode v : c.path("logprobs").path("token_logprobs")) {
          sum += v.asDouble();
        }
        assertEquals(expected.get(i).sumLogProb(), sum, 1e-3);
      }

      p.destroy(); // SIGTERM
      p.waitFor();
      assertFalse(p.isAlive());
      String err = java.nio.file.Files.readString(tmp.resolve("serve.err"));
      assertFalse(err.contains("Exception"), err);
      assertThrows(
          IOException.class,
          () ->
              http.send(
                  HttpRequest.newBuilder(URI.create(base + "/models")).GET().build(),
                  HttpResponse.BodyHandlers.ofString()));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aMissingCheckpointIsRefusedBeforeListening() {
    CliRunner.Result r = CliRunner.run("serve", "--model", tmp.resolve("none").toString());
    assertEquals(ExitCodes.PROBLEMS, r.exitCode());
    assertTrue(r.err().contains("is not a directory"), r.err());
  }
}
