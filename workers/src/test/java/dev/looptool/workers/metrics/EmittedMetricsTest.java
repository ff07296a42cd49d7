package dev.looptool.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.llm.fake.FakeModel;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.json.Json;
import dev.looptool.workers.Pool;
import dev.looptool.workers.Services;
import dev.looptool.workers.TemporalConnection;
import dev.looptool.workers.WorkerHost;
import dev.looptool.workers.embedded.EmbeddedTemporal;
import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import dev.looptool.workflows.spec.RunSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker dashboards chart only what workers emit: a small run on all pools (the built-in model,
 * an OpenAI-compatible judge served by the fake server) is scraped, and every metric the looptool
 * and Temporal SDK dashboards query must be in the scrape.
 */
class EmittedMetricsTest {
  static final Pattern METRIC =
      Pattern.compile("\\b((?:looptool|temporal|jvm|process|system)_[a-z0-9_]+)");
  static final List<String> WORKER_DASHBOARDS = List.of("looptool.json", "temporal-sdk.json");

  static String spec(String judgeUrl) {
    return """
        {"name": "metrics", "iterations": 1,
         "data": {"source": "world", "world": {"seed": 5, "tools": 10, "train": 200, "test": 40, "noise": 0.15},
                  "initialSize": 64},
         "policy": {"backend": "builtin", "sftSteps": 20, "grpoSteps": 2, "batchSize": 4, "groupSize": 4,
                    "checkpointEvery": 10, "maxNewTokens": 32,
                    "model": {"dModel": 32, "layers": 1, "heads": 2, "vocab": 300, "maxSeq": 128, "ngram": 3, "callIndex": 4}},
         "judge": {"backend": "openai", "bothOrders": false,
                   "endpoints": [{"baseUrls": ["%s"], "model": "fake-judge", "maxConcurrency": 4}]},
         "execution": {"shardSize": 64, "heartbeatSeconds": 5}}
        """
        .formatted(judgeUrl);
  }

  @Test
  void everyMetricTheWorkerDashboardsQueryIsEmittedByAWorker(@TempDir Path tmp) throws Exception {
    Set<String> emitted;
    try (FakeOpenAiServer judge = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        EmbeddedTemporal temporal = EmbeddedTemporal.start(0, "default");
        Metrics metrics = new Metrics("all");
        TemporalConnection conn =
            new TemporalConnection(temporal.target(), "default", metrics.temporalScope());
        WorkerHost host =
            new WorkerHost(
                conn.client(),
                EnumSet.of(Pool.ALL),
                Services.create(tmp.resolve("store"), metrics.registry()),
                1,
                2)) {
      // The judge's first answer is an error the client does not retry: that shard's first attempt
      // fails and Temporal retries it, so the failure metrics are emitted too.
      AtomicInteger asked = new AtomicInteger();
      judge.onChat(
          body -> {
            if (asked.getAndIncrement() == 0) {
              throw new IllegalStateException("the first judge request fails");
            }
            return FakeModel.chat(body);
          });
      host.start();
      RunSpec spec = Json.MAPPER.readValue(spec(judge.baseUrl()), RunSpec.class);
      LoopToolWorkflow wf =
          conn.client()
              .newWorkflowStub(
                  LoopToolWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("m")
                      .setTaskQueue(TaskQueues.WORKFLOW)
                      .build());
      WorkflowClient.start(wf::run, spec, null);
      LoopResult r =
          conn.client()
              .newUntypedWorkflowStub("m")
              .getResult(5, TimeUnit.MINUTES, LoopResult.class);
      assertEquals(1, r.iterationsCompleted());
      assertTrue(judge.requests() > 0, "the judge was asked");
      // A request the frontend refuses (no such workflow), so the request-failure counter the SDK
      // dashboard charts is emitted whether or not the run itself met a failed request.
      assertThrows(
          WorkflowNotFoundException.class,
          () -> conn.client().newUntypedWorkflowStub("no-such-run").describe());
      metrics.temporalScope().close(); // flushes the SDK's metrics into the registry now
      emitted = names(metrics.registry().scrape());
    }
    Path dashboards =
        Path.of(System.getProperty("looptool.repo.root", ".."))
            .resolve("deploy/grafana/dashboards");
    List<String> missing = new ArrayList<>();
    for (String file : WORKER_DASHBOARDS) {
      for (String m : queried(dashboards.resolve(file))) {
        if (!emitted.contains(m)) {
          missing.add(file + ": " + m);
        }
      }
    }
    assertEquals(List.of(), missing, "queried but not emitted; emitted: " + emitted);
  }

  /** Metric names in a Prometheus scrape, histogram and summary suffixes removed. */
  static Set<String> names(String scrape) {
    Set<String> out = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        out.add(base(line.split("[{ ]", 2)[0]));
      }
    }
    return out;
  }

  static Set<String> queried(Path dashboard) throws Exception {
    Set<String> out = new TreeSet<>();
    JsonNode d = Json.MAPPER.readTree(Files.readString(dashboard));
    for (JsonNode panel : d.path("panels")) {
      for (JsonNode t : panel.path("targets")) {
        Matcher m = METRIC.matcher(t.path("expr").asText());
        while (m.find()) {
          out.add(base(m.group(1)));
        }
      }
    }
    return out;
  }

  static String base(String name) {
    return name.replaceAll("_(sum|count|max|bucket)$", "");
  }
}
