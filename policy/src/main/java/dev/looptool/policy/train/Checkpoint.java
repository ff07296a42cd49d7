package dev.looptool.policy.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.policy.TrainingTrace;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.policy.model.DecoderConfig;
import dev.looptool.policy.text.Tokenizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A policy checkpoint on disk: {@code model.json} (sizes and training state: phase, step, RNG
 * state, data cursor and order, data hash), {@code tokenizer.json}, {@code weights.bin} and {@code
 * optimizer.bin} (raw float32, bit-exact). A training run writes {@code step-NNNNNNN} directories
 * into its output directory, each atomically (filled under a temporary name, then renamed); loading
 * a directory that holds step directories loads the newest.
 */
public final class Checkpoint {
  public static final String MODEL = "model.json";
  public static final String TOKENIZER = "tokenizer.json";
  public static final String WEIGHTS = "weights.bin";
  public static final String OPTIMIZER = "optimizer.bin";
  private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{7})");
  private static final int MAGIC = 0x4c545731; // "LTW1"

  private Checkpoint() {}

  /**
   * Training position saved with the weights; everything a resumed run needs to continue exactly.
   */
  public record State(
      String phase,
      long step,
      long totalSteps,
      long rngState,
      long cursor,
      int[] order,
      String dataSha256,
      long optimizerUpdates,
      double lastLoss,
      double lastReward,
      TrainingTrace trace) {
    public State {
      // Checkpoints written before the trace existed have none.
      trace = trace == null ? TrainingTrace.EMPTY : trace;
    }
  }

  /** What a checkpoint holds once read back. */
  public record Loaded(
      Path dir,
      DecoderConfig decoder,
      Tokenizer tokenizer,
      List<float[]> weights,
      List<float[]> optimizer,
      State state,
      JsonNode policyConfig) {}

  public static String stepDirName(long step) {
    return String.format("step-%07d", step);
  }

  /** The newest complete step directory under {@code outDir}, or null when there is none. */
  public static Path latest(Path outDir) throws IOException {
    if (!Files.isDirectory(outDir)) {
      return null;
    }
    Path best = null;
    long bestStep = -1;
    try (Stream<Path> s = Files.list(outDir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Matcher m = STEP_DIR.matcher(p.getFileName().toString());
        if (m.matches()
            && Files.isRegularFile(p.resolve(MODEL))
            && Long.parseLong(m.group(1)) > bestStep) {
          bestStep = Long.parseLong(m.group(1));
          best = p;
        }
      }
    }
    return best;
  }

  /** {@code dir} itself when it is a checkpoint, else its newest step directory. */
  public static Path resolve(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve(MODEL))) {
      return dir;
    }
    Path latest = latest(dir);
    if (latest == null) {
      throw new IOException(
          dir + ": not a policy checkpoint (no " + MODEL + ", no step-NNNNNNN directory)");
    }
    return latest;
  }

  /**
   * Writes a step checkpoint atomically into {@code outDir} and prunes all but the newest {@code
   * keep}.
   */
  public static Path write(
      Path outDir,
      DecoderConfig decoder,
      Tokenizer tokenizer,
      List<String> names,
      List<float[]> weights,
      List<float[]> optimizer,
      State state,
      Object policyConfig,
      int keep)
      throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(outDir);
    String key = stepDirName(state.step());
    store.writeDirectory(
        key,
        dir -> {
          ObjectNode root = Json.object();
          root.put("format", "looptool-policy-checkpoint/1");
          root.set("decoder", Json.MAPPER.valueToTree(decoder));
          root.set("state", Json.MAPPER.valueToTree(state));
          root.set("config", Json.MAPPER.valueToTree(policyConfig));
          root.set("weightNames", Json.MAPPER.valueToTree(names));
          tokenizer.save(dir.resolve(TOKENIZER));
          writeTensors(dir.resolve(WEIGHTS), weights);
          writeTensors(dir.resolve(OPTIMIZER), optimizer == null ? List.of() : optimizer);
          // model.json last: a reader treats a directory with it as complete.
          Files.writeString(
              dir.resolve(MODEL),
              Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        });
    prune(outDir, keep);
    return store.path(key);
  }

  private static void prune(Path outDir, int keep) throws IOException {
    List<Path> steps = new ArrayList<>();
    try (Stream<Path> s = Files.list(outDir)) {
      s.filter(p -> STEP_DIR.matcher(p.getFileName().toString()).matches())
          .sorted()
          .forEach(steps::add);
    }
    LocalArtifactStore store = new LocalArtifactStore(outDir);
    for (int i = 0; i < steps.size() - keep; i++) {
      store.delete(steps.get(i).getFileName().toString());
    }
  }

  public static Loaded read(Path dirOrOut) throws IOException {
    Path dir = resolve(dirOrOut);
    JsonNode root = Json.parse(Files.readString(dir.resolve(MODEL)));
    if (!"looptool-policy-checkpoint/1".equals(root.path("format").asText())) {
      throw new IOException(dir.resolve(MODEL) + ": format: expected looptool-policy-checkpoint/1");
    }
    DecoderConfig decoder = Json.MAPPER.treeToValue(root.get("decoder"), DecoderConfig.class);
    State state = Json.MAPPER.treeToValue(root.get("state"), State.class);
    Tokenizer tok = Tokenizer.load(dir.resolve(TOKENIZER));
    if (tok.vocabSize() != decoder.vocabSize()) {
      throw new IOException(
          dir
              + ": tokenizer has "
              + tok.vocabSize()
              + " tokens but the decoder expects "
              + decoder.vocabSize());
    }
    return new Loaded(
        dir,
        decoder,
        tok,
        readTensors(dir.resolve(WEIGHTS)),
        readTensors(dir.resolve(OPTIMIZER)),
        state,
        root.get("config"));
  }

  static void writeTensors(Path file, List<float[]> tensors) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(tensors.size());
      for (float[] t : tensors) {
        out.writeInt(t.length);
        ByteBuffer b = ByteBuffer.allocate(t.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t);
        out.write(b.array());
      }
    }
  }

  static List<float[]> readTensors(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + ": not a looptool tensor file");
      }
      int n = in.readInt();
      List<float[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int len = in.readInt();
        byte[] raw = new byte[len * 4];
        in.readFully(raw);
        float[] t = new float[len];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(t);
        out.add(t);
      }
      return out;
    }
  }
}
