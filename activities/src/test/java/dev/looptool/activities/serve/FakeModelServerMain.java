package dev.looptool.activities.serve;

import dev.looptool.activities.llm.fake.FakeModel;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server process for the lifecycle tests, started the way {@code policy.server.command}
 * starts vLLM: {@code --model DIR --port N --served-name NAME}, serving {@link FakeModel}'s
 * completions. {@code --root R} lists another root than DIR (a server serving the wrong
 * checkpoint); {@code --child yes} starts a child process first and prints its pid (a process
 * tree); {@code --die-after K} halts the process at the K-th completion (a server killed
 * mid-probe).
 */
public final class FakeModelServerMain {
  private FakeModelServerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    if (a.containsKey("--child")) {
      Process child = new ProcessBuilder("sleep", "600").start();
      System.out.println("child " + child.pid());
    }
    int dieAfter = Integer.parseInt(a.getOrDefault("--die-after", "0"));
    FakeOpenAiServer server =
        FakeOpenAiServer.start(FakeOpenAiServer.Options.fast(), Integer.parseInt(a.get("--port")));
    AtomicInteger completions = new AtomicInteger();
    server.onCompletion(
        prompt -> {
          if (dieAfter > 0 && completions.incrementAndGet() >= dieAfter) {
            Runtime.getRuntime().halt(3);
          }
          return FakeModel.complete(prompt);
        });
    server.listModels(Map.of(a.get("--served-name"), a.getOrDefault("--root", a.get("--model"))));
    System.out.println("serving " + a.get("--served-name") + " on " + server.baseUrl());
    Thread.currentThread().join();
  }

  /** The command line that starts this server, with looptool's placeholders. */
  public static java.util.List<String> command(String... extra) {
    java.util.List<String> c = new java.util.ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(FakeModelServerMain.class.getName());
    c.addAll(
        java.util.List.of(
            "--model", "{checkpoint}", "--port", "{port}", "--served-name", "{served_name}"));
    c.addAll(java.util.List.of(extra));
    return c;
  }
}
