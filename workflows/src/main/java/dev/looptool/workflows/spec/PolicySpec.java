package dev.looptool.workflows.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.policy.ModelDefaults;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy and how it is trained and probed. {@code backend}: {@code builtin} (the DJL model; SFT
 * warm-up, then GRPO) or {@code external} (a trainer command and a prober endpoint). GRPO settings
 * follow LOOPTOOL.md (group size, temperature, clip low/high, no KL by default).
 *
 * <p>{@code baseModel} names the model the external trainer starts from ({@code {base_model}});
 * {@code prompt} how an endpoint is asked ({@code hermes}, the default: the Hermes text prompt
 * through {@code /v1/completions}; {@code chat}: messages and tools through {@code
 * /v1/chat/completions}, so the server applies the model's own chat template and tool parser);
 * {@code server} how each new checkpoint is served for probing and evaluation, with either backend.
 * The three are left out of the manifest when unset, so runs that do not use them record what they
 * always recorded.
 */
public record PolicySpec(
    String backend,
    Integer sftSteps,
    Integer grpoSteps,
    Integer batchSize,
    Integer groupSize,
    Double temperature,
    Double learningRate,
    Double clipLow,
    Double clipHigh,
    Double klCoef,
    Integer updatesPerBatch,
    Integer checkpointEvery,
    Integer maxNewTokens,
    Long seed,
    ModelSpec model,
    ExternalTrainerSpec external,
    EndpointSpec prober,
    @JsonInclude(JsonInclude.Include.NON_NULL) String baseModel,
    @JsonInclude(JsonInclude.Include.NON_NULL) String prompt,
    @JsonInclude(JsonInclude.Include.NON_NULL) ServerSpec server)
    implements Defaultable<PolicySpec> {
  public static final String BUILTIN = "builtin";
  public static final String EXTERNAL = "external";
  public static final String PROMPT_HERMES = "hermes";
  public static final String PROMPT_CHAT = "chat";

  /** What the external trainer's command may name. */
  public static final Set<String> TRAINER_PLACEHOLDERS =
      Set.of(
          "train_file",
          "test_file",
          "init_checkpoint",
          "output_dir",
          "base_model",
          "run_id",
          "iteration",
          "seed");

  /** What the model server's command, environment and reload call may name. */
  public static final Set<String> SERVER_PLACEHOLDERS =
      Set.of("checkpoint", "port", "served_name", "base_model");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(TOKEN|SECRET|PASSWORD|API_KEY|APIKEY|CREDENTIAL).*");

  /**
   * The built-in model trained with {@link ModelDefaults}' GRPO settings on the loop's own budget:
   * a 1500-step SFT warm-up before the loop and 60 GRPO batches of 16 prompts per iteration, far
   * less than the {@code policy} commands' 4000 and 300 steps. No external trainer or prober unless
   * named.
   */
  static final ObjectNode DEFAULTS =
      SpecDefaults.document()
          .put("backend", BUILTIN)
          .put("sftSteps", 1500)
          .put("grpoSteps", 60)
          .put("batchSize", 16)
          .put("groupSize", ModelDefaults.GROUP)
          .put("temperature", ModelDefaults.TEMPERATURE)
          .put("learningRate", ModelDefaults.GRPO_LEARNING_RATE)
          .put("clipLow", ModelDefaults.CLIP_LOW)
          .put("clipHigh", ModelDefaults.CLIP_HIGH)
          .put("klCoef", ModelDefaults.KL_COEF)
          .put("updatesPerBatch", ModelDefaults.GRPO_UPDATES_PER_BATCH)
          .put("checkpointEvery", 50)
          .put("maxNewTokens", ModelDefaults.MAX_ANSWER)
          .put("seed", ModelDefaults.SEED);

  /**
   * Sizes of the built-in model trained from scratch; unset sizes take {@link ModelDefaults}', the
   * same as {@code policy sft}'s (d=128, 2 layers, 4 heads, vocabulary 1024, context 256, n-gram 6,
   * call index 8; see docs/policy.md).
   */
  public record ModelSpec(
      Integer dModel,
      Integer layers,
      Integer heads,
      Integer vocab,
      Integer maxSeq,
      Integer ngram,
      Integer callIndex)
      implements Defaultable<ModelSpec> {
    static final ObjectNode DEFAULTS =
        SpecDefaults.document()
            .put("dModel", ModelDefaults.D_MODEL)
            .put("layers", ModelDefaults.LAYERS)
            .put("heads", ModelDefaults.HEADS)
            .put("vocab", ModelDefaults.VOCAB)
            .put("maxSeq", ModelDefaults.MAX_SEQ)
            .put("ngram", ModelDefaults.NGRAM)
            .put("callIndex", ModelDefaults.CALL_INDEX);

    @Override
    public ModelSpec withDefaults() {
      return SpecDefaults.fill(this, DEFAULTS);
    }
  }

  /**
   * An external GRPO trainer command with placeholders {@code {train_file}}, {@code {test_file}}
   * (the held-out test), {@code {init_checkpoint}}, {@code {output_dir}}, {@code {base_model}},
   * {@code {run_id}}, {@code {iteration}}, {@code {seed}}. {@code environment} adds variables whose
   * values are recorded in the manifest, so never secrets; {@code passEnvironment} names variables
   * the trainer needs from the worker's own environment (e.g. {@code HF_TOKEN}; the trainer
   * inherits the worker's environment, and a name listed here that is unset fails the activity
   * before the trainer starts). {@code retryableExitCodes} adds to the built-in retryable codes (75
   * and deaths by signal).
   */
  public record ExternalTrainerSpec(
      List<String> command,
      String workingDir,
      Integer timeoutMinutes,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> environment,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> passEnvironment,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> retryableExitCodes) {}

  /**
   * How each checkpoint is served for probing and evaluation. Either {@code command}: a server the
   * GPU worker starts per checkpoint (placeholders {@code {checkpoint}}, the checkpoint directory's
   * absolute path; {@code {port}}, a free port on 127.0.0.1 the worker picks; {@code
   * {served_name}}, the name looptool gives the checkpoint, {@code <runId>-iter-NN}; {@code
   * {base_model}}), health-checked on {@code GET /v1/models} for up to {@code startTimeoutSeconds}
   * (default 600) and stopped after {@code idleTimeoutSeconds} unused (default 600); or {@code
   * reload}: an HTTP call that makes {@code policy.prober}'s running server load the checkpoint.
   */
  public record ServerSpec(
      List<String> command,
      String workingDir,
      Map<String, String> environment,
      Integer startTimeoutSeconds,
      Integer idleTimeoutSeconds,
      ReloadSpec reload) {
    public static final int DEFAULT_START_TIMEOUT_SECONDS = 600;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 600;

    public int startTimeout() {
      return startTimeoutSeconds == null ? DEFAULT_START_TIMEOUT_SECONDS : startTimeoutSeconds;
    }

    public int idleTimeout() {
      return idleTimeoutSeconds == null ? DEFAULT_IDLE_TIMEOUT_SECONDS : idleTimeoutSeconds;
    }
  }

  /**
   * A POST that loads a checkpoint into a running server, e.g. vLLM's {@code /v1/load_lora_adapter}
   * with {@code {"lora_name": "{served_name}", "lora_path": "{checkpoint}"}}. {@code url} is
   * absolute, or a path (starting with {@code /}) on each of {@code policy.prober}'s servers;
   * placeholders are filled in the URL and in the body's strings. A 4xx answer is a configuration
   * error; others are retried by the activity.
   */
  public record ReloadSpec(String url, Map<String, Object> body, Integer timeoutSeconds) {}

  /** {@link #prompt}, {@code hermes} when unset. */
  public String promptStyle() {
    return prompt == null ? PROMPT_HERMES : prompt;
  }

  /** Whether probing and evaluation go through an OpenAI-compatible endpoint, not the DJL model. */
  public boolean probesEndpoint() {
    return EXTERNAL.equals(backend) || server != null;
  }

  @Override
  public PolicySpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }

  /**
   * Problems of this spec after {@link #withDefaults()}, each prefixed with {@code path}, the field
   * that holds it ({@code policy} in a run spec); empty when valid.
   */
  public List<String> problems(String path) {
    List<String> p = new ArrayList<>();
    if (!BUILTIN.equals(backend) && !EXTERNAL.equals(backend)) {
      p.add(path + ".backend: must be 'builtin' or 'external', got '" + backend + "'");
    }
    if (EXTERNAL.equals(backend)) {
      if (external == null || external.command() == null || external.command().isEmpty()) {
        p.add(path + ".external.command: required when " + path + ".backend is 'external'");
      }
      // A fixed endpoint alone serves whatever it was started with: every iteration would be
      // probed and evaluated on a stale model, and nothing could tell.
      if (server == null) {
        p.add(
            path
                + ".server: required when "
                + path
                + ".backend is 'external', so that each iteration is probed on its own"
                + " checkpoint: a server per checkpoint (server.command, e.g. vllm serve"
                + " {checkpoint}) or a reload call into "
                + path
                + ".prober's server (server.reload)");
      }
    }
    if (external != null) {
      externalProblems(path + ".external", p);
    }
    if (baseModel != null && baseModel.isBlank()) {
      p.add(path + ".baseModel: must not be blank");
    }
    if (prompt != null && !PROMPT_HERMES.equals(prompt) && !PROMPT_CHAT.equals(prompt)) {
      p.add(path + ".prompt: must be 'hermes' or 'chat', got '" + prompt + "'");
    }
    if (PROMPT_CHAT.equals(prompt) && !probesEndpoint()) {
      p.add(
          path
              + ".prompt: 'chat' only applies to an endpoint ("
              + path
              + ".backend 'external' or "
              + path
              + ".server); the built-in model reads its own compact format");
    }
    if (server != null) {
      serverProblems(path + ".server", path, p);
    }
    if (groupSize < 2) {
      p.add(path + ".groupSize: GRPO needs at least 2 samples per prompt");
    }
    if (grpoSteps < 0 || sftSteps < 0) {
      p.add(path + ".grpoSteps/sftSteps: must not be negative");
    }
    if (clipLow < 0 || clipHigh < 0) {
      p.add(path + ".clipLow/clipHigh: must not be negative");
    }
    return p;
  }

  private void externalProblems(String at, List<String> p) {
    List<String> command = external.command() == null ? List.of() : external.command();
    placeholderProblems(at + ".command", command, TRAINER_PLACEHOLDERS, p);
    if (baseModel == null && command.stream().anyMatch(a -> a.contains("{base_model}"))) {
      p.add(at + ".command: names {base_model} but policy.baseModel is not set");
    }
    if (external.timeoutMinutes() != null && external.timeoutMinutes() <= 0) {
      p.add(at + ".timeoutMinutes: must be positive");
    }
    environmentProblems(at + ".environment", external.environment(), p);
    if (external.passEnvironment() != null) {
      for (String name : external.passEnvironment()) {
        if (name == null || !ENV_NAME.matcher(name).matches()) {
          p.add(at + ".passEnvironment: '" + name + "' is not an environment variable name");
        }
      }
    }
    if (external.retryableExitCodes() != null) {
      for (Integer code : external.retryableExitCodes()) {
        if (code == null || code < 1 || code > 255) {
          p.add(at + ".retryableExitCodes: " + code + " is no failing exit code (1..255)");
        }
      }
    }
  }

  private void serverProblems(String at, String policy, List<String> p) {
    boolean hasCommand = server.command() != null;
    if (hasCommand == (server.reload() != null)) {
      p.add(at + ": give exactly one of command (a server per checkpoint) and reload");
    }
    if (hasCommand) {
      List<String> command = server.command();
      if (command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
        p.add(at + ".command: must name a program, e.g. [vllm, serve, '{checkpoint}', ...]");
      }
      placeholderProblems(at + ".command", command, SERVER_PLACEHOLDERS, p);
      List<String> all = new ArrayList<>(command);
      if (server.environment() != null) {
        all.addAll(server.environment().values());
      }
      for (String needed : List.of("{port}", "{checkpoint}")) {
        if (all.stream().noneMatch(a -> a != null && a.contains(needed))) {
          p.add(at + ".command: must name " + needed + " (the worker picks both per checkpoint)");
        }
      }
    }
    if (server.environment() != null) {
      placeholderProblems(
          at + ".environment", List.copyOf(server.environment().values()), SERVER_PLACEHOLDERS, p);
    }
    environmentProblems(at + ".environment", server.environment(), p);
    if (server.startTimeoutSeconds() != null && server.startTimeoutSeconds() <= 0) {
      p.add(at + ".startTimeoutSeconds: must be positive");
    }
    if (server.idleTimeoutSeconds() != null && server.idleTimeoutSeconds() < 0) {
      p.add(at + ".idleTimeoutSeconds: must not be negative (0: stop when unused)");
    }
    ReloadSpec reload = server.reload();
    if (reload != null) {
      if (reload.url() == null || reload.url().isBlank()) {
        p.add(at + ".reload.url: required, e.g. /v1/load_lora_adapter");
      } else {
        placeholderProblems(at + ".reload.url", List.of(reload.url()), SERVER_PLACEHOLDERS, p);
        if (reload.url().startsWith("/") && prober == null) {
          p.add(at + ".reload.url: a path needs " + policy + ".prober, the server it is sent to");
        }
      }
      if (prober == null) {
        p.add(at + ".reload: needs " + policy + ".prober, the server that loads the checkpoint");
      }
      if (reload.timeoutSeconds() != null && reload.timeoutSeconds() <= 0) {
        p.add(at + ".reload.timeoutSeconds: must be positive");
      }
    }
  }

  private static void placeholderProblems(
      String at, List<String> values, Set<String> known, List<String> p) {
    Set<String> unknown = new LinkedHashSet<>();
    for (String v : values) {
      if (v == null) {
        p.add(at + ": holds a null element");
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(v);
      while (m.find()) {
        if (!known.contains(m.group(1))) {
          unknown.add(m.group());
        }
      }
    }
    if (!unknown.isEmpty()) {
      p.add(
          at
              + ": unknown placeholder(s) "
              + String.join(", ", unknown)
              + "; known: "
              + String.join(", ", known.stream().sorted().map(k -> "{" + k + "}").toList()));
    }
  }

  /** Values in the spec end up in the manifest: a secret-looking name with a value is refused. */
  private static void environmentProblems(String at, Map<String, String> env, List<String> p) {
    if (env == null) {
      return;
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey() == null || !ENV_NAME.matcher(e.getKey()).matches()) {
        p.add(at + ": '" + e.getKey() + "' is not an environment variable name");
      } else if (SECRET_NAME.matcher(e.getKey().toUpperCase(Locale.ROOT)).matches()) {
        p.add(
            at
                + "."
                + e.getKey()
                + ": looks like a secret; the spec is recorded in the manifest, so set it in the"
                + " worker's environment, which the child inherits (policy.external.passEnvironment"
                + " checks that a name is set)");
      }
    }
  }
}
