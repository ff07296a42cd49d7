package dev.looptool.policy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.policy.ModelDefaults;
import dev.looptool.policy.model.Decoder;
import dev.looptool.policy.model.DecoderConfig;
import dev.looptool.policy.model.Generator;
import dev.looptool.policy.train.Adam;
import dev.looptool.policy.train.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures the built-in policy's speed on fixed shapes: training steps/s and tokens/s, and KV-cache
 * decoding tokens/s; and runs the same measurement on a PyTorch twin of the model (the bundled
 * {@code twin.py}) when python3 with torch is installed, so the two can be compared side by side.
 */
public final class PolicyBench {
  private PolicyBench() {}

  /** Shapes and counts of one benchmark. */
  public record Options(
      int vocab,
      int dModel,
      int layers,
      int heads,
      int ngram,
      int callIndex,
      int seq,
      int batch,
      int trainSteps,
      int decodeBatch,
      int promptLen,
      int newTokens,
      int warmup) {
    public static Options defaults() {
      return new Options(
          512,
          128,
          2,
          4,
          ModelDefaults.NGRAM,
          ModelDefaults.CALL_INDEX,
          128,
          32,
          30,
          32,
          64,
          64,
          5);
    }

    /** The same shapes with another number of timed training steps. */
    public Options withTrainSteps(int steps) {
      return new Options(
          vocab,
          dModel,
          layers,
          heads,
          ngram,
          callIndex,
          seq,
          batch,
          steps,
          decodeBatch,
          promptLen,
          newTokens,
          warmup);
    }
  }

  /** Throughput figures of one side. */
  public record Figures(
      String engine,
      double trainStepsPerSec,
      double trainTokensPerSec,
      double decodeTokensPerSec,
      int threads) {}

  /** Runs the Java (DJL) side. */
  public static Figures runDjl(Options o) {
    Rng rng = new Rng(42);
    int[][] seqs = new int[o.batch()][o.seq()];
    int[] promptLens = new int[o.batch()];
    for (int r = 0; r < o.batch(); r++) {
      for (int j = 0; j < o.seq(); j++) {
        seqs[r][j] = 8 + rng.nextInt(o.vocab() - 8);
      }
      promptLens[r] = o.seq() / 2;
    }
    int[][] prompts = new int[o.decodeBatch()][o.promptLen()];
    for (int[] p : prompts) {
      for (int j = 0; j < p.length; j++) {
        p[j] = 8 + rng.nextInt(o.vocab() - 8);
      }
    }
    try (NDManager root = PolicyRuntime.newManager(PolicyRuntime.device(false))) {
      Decoder dec =
          Decoder.initialise(
              new DecoderConfig(
                  o.vocab(),
                  o.dModel(),
                  o.layers(),
                  o.heads(),
                  Math.max(o.seq(), o.promptLen() + o.newTokens()),
                  o.ngram(),
                  o.callIndex()),
              root,
              rng);
      Adam adam = Adam.standard(root, dec.parameters());
      long tokens = 0;
      for (int i = 0; i < o.warmup(); i++) {
        PolicyTrainer.sftUpdate(dec, adam, root, seqs, promptLens, 1e-3, 1.0);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < o.trainSteps(); i++) {
        tokens += PolicyTrainer.sftUpdate(dec, adam, root, seqs, promptLens, 1e-3, 1.0).tokens();
      }
      double trainSecs = (System.nanoTime() - t0) / 1e9;
      Generator.generate(dec, root, prompts, o.newTokens(), 1.0, null, false);
      int reps = 3;
      long t1 = System.nanoTime();
      long decoded = 0;
      for (int i = 0; i < reps; i++) {
        for (Generator.Completion c :
            Generator.generate(dec, root, prompts, o.newTokens(), 1.0, null, false)) {
          decoded += c.tokens().length;
        }
      }
      double decodeSecs = (System.nanoTime() - t1) / 1e9;
      adam.close();
      dec.close();
      return new Figures(
          "djl-pytorch",
          o.trainSteps() / trainSecs,
          tokens / trainSecs,
          decoded / decodeSecs,
          PolicyRuntime.threads());
    }
  }

  /** How to get the twin's prerequisites on Debian. */
  public static final String TWIN_INSTALL =
      "apt-get install -y --no-install-recommends python3-torch libopenblas0-pthread";

  /**
   * Runs the PyTorch twin with the same options; null when python3 or torch is missing (the reason
   * goes to {@code why}).
   */
  public static Figures runTwin(Options o, String python, StringBuilder why)
      throws IOException, InterruptedException {
    Figures f = runTwinWith(o, python, why);
    if (f == null && "python3".equals(python)) {
      // A python3 earlier on PATH (pyenv, a venv) often lacks Debian's python3-torch, which lives
      // in /usr/bin/python3.
      StringBuilder second = new StringBuilder();
      f = runTwinWith(o, "/usr/bin/python3", second);
      if (f == null) {
        why.append("; /usr/bin/python3: ").append(second);
      }
    }
    return f;
  }

  private static Figures runTwinWith(Options o, String python, StringBuilder why)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("looptool-twin", ".py");
    try {
      try (InputStream in = PolicyBench.class.getResourceAsStream("twin.py")) {
        if (in == null) {
          throw new IOException("twin.py is missing from the policy jar");
        }
        Files.write(script, in.readAllBytes());
      }
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      String[][] args = {
        {"--vocab", "" + o.vocab()},
        {"--d-model", "" + o.dModel()},
        {"--layers", "" + o.layers()},
        {"--heads", "" + o.heads()},
        {"--ngram", "" + o.ngram()},
        {"--call-index", "" + o.callIndex()},
        {"--seq", "" + o.seq()},
        {"--batch", "" + o.batch()},
        {"--train-steps", "" + o.trainSteps()},
        {"--decode-batch", "" + o.decodeBatch()},
        {"--prompt-len", "" + o.promptLen()},
        {"--new-tokens", "" + o.newTokens()},
        {"--warmup", "" + o.warmup()},
        {"--threads", "" + PolicyRuntime.threads()}
      };
      for (String[] a : args) {
        cmd.add(a[0]);
        cmd.add(a[1]);
      }
      Process p;
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The twin's BLAS gets the same thread budget as the engine (OpenBLAS would otherwise use
        // every core).
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(PolicyRuntime.threads()));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(PolicyRuntime.threads()));
        p = pb.start();
      } catch (IOException e) {
        why.append(python)
            .append(" cannot run (")
            .append(e.getMessage())
            .append("); install: ")
            .append(TWIN_INSTALL);
        return null;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        String last = out.strip();
        why.append(
            last.contains("No module named 'torch'")
                ? python + " has no torch; install: " + TWIN_INSTALL
                : python + ": twin failed: " + last);
        return null;
      }
      String line = out.strip().lines().reduce((a, b) -> b).orElse("");
      JsonNode j = Json.parse(line);
      return new Figures(
          "pytorch-" + j.path("torch").asText(),
          j.path("train_steps_per_sec").asDouble(),
          j.path("train_tokens_per_sec").asDouble(),
          j.path("decode_tokens_per_sec").asDouble(),
          j.path("threads").asInt());
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
