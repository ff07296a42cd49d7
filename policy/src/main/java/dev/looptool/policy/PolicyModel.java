package dev.looptool.policy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.match.ToolMatch;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.core.policy.Prober;
import dev.looptool.policy.model.Decoder;
import dev.looptool.policy.model.Generator;
import dev.looptool.policy.text.CompactFormat;
import dev.looptool.policy.text.Tokenizer;
import dev.looptool.policy.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained built-in policy loaded from a checkpoint, for Greedy Capability Probing and evaluation:
 * batched greedy decoding with the KV cache, the calls parsed by the Hermes parser, per-token
 * log-probabilities, PPL and the ToolMatch verdict. Not thread-safe: one per thread.
 */
public final class PolicyModel implements Prober {
  private final NDManager root;
  private final Decoder decoder;
  private final Tokenizer tokenizer;
  private final int maxAnswer;
  private final int batch;
  private final Path checkpoint;

  static {
    PolicyRuntime.ensureOffline();
  }

  private PolicyModel(Checkpoint.Loaded c, boolean cpu, int probeBatch) {
    this.root = PolicyRuntime.newManager(PolicyRuntime.device(cpu));
    this.decoder = Decoder.of(c.decoder(), root, c.weights());
    this.tokenizer = c.tokenizer();
    JsonNode conf = c.policyConfig();
    int answer = conf != null && conf.has("maxAnswer") ? conf.get("maxAnswer").asInt() : 72;
    this.maxAnswer = Math.min(answer, c.decoder().maxSeq() - 2);
    this.batch =
        probeBatch > 0
            ? probeBatch
            : conf != null && conf.has("probeBatch") ? conf.get("probeBatch").asInt() : 64;
    this.checkpoint = c.dir();
  }

  /** Loads a checkpoint directory, or the newest checkpoint of a training output directory. */
  public static PolicyModel load(Path dir) throws IOException {
    return load(dir, false, 0);
  }

  /**
   * As {@link #load(Path)}, optionally forcing the CPU and choosing the decoding batch (0 = the
   * checkpoint's).
   */
  public static PolicyModel load(Path dir, boolean cpu, int probeBatch) throws IOException {
    return new PolicyModel(Checkpoint.read(dir), cpu, probeBatch);
  }

  public Path checkpoint() {
    return checkpoint;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public Decoder decoder() {
    return decoder;
  }

  /**
   * The answer budget probing decodes with (the checkpoint's {@code maxAnswer}, within context).
   */
  public int maxAnswer() {
    return maxAnswer;
  }

  /**
   * The prompt ids probing decodes a sample from: its compact prompt, cut to leave the answer room.
   */
  public int[] promptIds(Sample s) {
    return CompactFormat.prompt(tokenizer, s, decoder.config().maxSeq() - maxAnswer).ids();
  }

  /**
   * Decodes prompts together, each row with its own budget and token choice (see {@link
   * Generator#generate(Decoder, NDManager, int[][], int[], Generator.TokenChooser[], boolean)}).
   */
  public Generator.Completion[] generate(
      int[][] prompts, int[] maxNew, Generator.TokenChooser[] choosers) {
    return Generator.generate(decoder, root, prompts, maxNew, choosers, true);
  }

  /**
   * Greedy-decodes every sample (in batches, longest prompts together) and returns results in input
   * order.
   */
  @Override
  public List<ProbeResult> probe(List<Sample> samples) {
    int n = samples.size();
    int[][] prompts = new int[n][];
    for (int i = 0; i < n; i++) {
      prompts[i] = promptIds(samples.get(i));
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    // Similar lengths together waste less compute on padding; results go back to input order.
    Arrays.sort(
        idx, Comparator.comparingInt((Integer i) -> prompts[i].length).thenComparingInt(i -> i));
    ProbeResult[] out = new ProbeResult[n];
    for (int from = 0; from < n; from += batch) {
      int to = Math.min(n, from + batch);
      int[][] chunk = new int[to - from][];
      for (int j = from; j < to; j++) {
        chunk[j - from] = prompts[idx[j]];
      }
      Generator.Completion[] comps = Generator.generate(decoder, root, chunk, maxAnswer, 1.0, null);
      for (int j = from; j < to; j++) {
        int i = idx[j];
        out[i] = result(samples.get(i), comps[j - from]);
      }
    }
    return Arrays.asList(out);
  }

  private ProbeResult result(Sample s, Generator.Completion c) {
    int[] toks = c.tokens();
    int textLen = c.finished() ? toks.length - 1 : toks.length;
    String prediction = tokenizer.decode(toks, 0, textLen);
    ParsedOutput parsed = HermesFormat.parse(prediction);
    // An answer that ran out of room without EOS is judged as produced; its PPL covers those
    // tokens.
    String error = parsed.parsed() ? null : parsed.error();
    double sum = 0;
    double min = 0;
    for (int k = 0; k < c.logProbs().length; k++) {
      sum += c.logProbs()[k];
      min = k == 0 ? c.logProbs()[k] : Math.min(min, c.logProbs()[k]);
    }
    int l = c.logProbs().length;
    boolean mastered = ToolMatch.matches(parsed, s.label());
    return new ProbeResult(
        s.id(),
        prediction,
        parsed.calls(),
        error,
        l,
        sum,
        min,
        ProbeResult.perplexity(sum, l),
        mastered);
  }

  /** ToolMatch accuracy over samples, overall and by dialogue shape ({@code meta.shape}). */
  public Evaluation evaluate(List<Sample> samples) {
    return Evaluation.of(samples, probe(samples));
  }

  public Evaluation evaluate(Path file) throws IOException {
    return evaluate(SampleReader.readAll(file));
  }

  /** Accuracy figures of one evaluation. */
  public record Evaluation(
      int samples, int matched, int unparseable, double accuracy, Map<String, Group> byShape) {
    /** One shape's figures. */
    public record Group(int samples, int matched, double accuracy) {}

    public static Evaluation of(List<Sample> samples, List<ProbeResult> results) {
      Map<String, int[]> counts = new TreeMap<>();
      int matched = 0;
      int bad = 0;
      for (int i = 0; i < samples.size(); i++) {
        String shape = shapeOf(samples.get(i));
        int[] c = counts.computeIfAbsent(shape, k -> new int[2]);
        c[0]++;
        if (results.get(i).mastered()) {
          c[1]++;
          matched++;
        }
        if (results.get(i).parseError() != null) {
          bad++;
        }
      }
      Map<String, Group> by = new TreeMap<>();
      counts.forEach(
          (k, c) -> by.put(k, new Group(c[0], c[1], c[0] == 0 ? 0 : (double) c[1] / c[0])));
      return new Evaluation(
          samples.size(),
          matched,
          bad,
          samples.isEmpty() ? 0 : (double) matched / samples.size(),
          by);
    }
  }

  /** The dialogue shape a sample was made for (the world writes it in {@code meta.shape}). */
  public static String shapeOf(Sample s) {
    JsonNode shape = s.meta().get("shape");
    return shape == null || shape.isNull() ? "unknown" : shape.asText();
  }

  @Override
  public void close() {
    decoder.close();
    root.close();
  }
}
