package dev.looptool.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.looptool.cli.LoopToolCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Checks docker-compose.yml and the files under deploy/ against the looptool CLI, against
 * docs/deployment.md and against the rule that no secret has a value in the repository.
 */
class ComposeFileTest {
  private static final Set<String> POOLS = Set.of("workflow", "cpu", "llm", "gpu");
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(KEY|TOKEN|PASSWORD|SECRET|PWD).*");

  /** A pure reference to a host variable, with no default that could hold a value. */
  private static final Pattern PURE_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

  /**
   * The one documented default (docs/deployment.md, "Secrets"): Temporal's development password for
   * a database published on loopback only.
   */
  private static final Set<String> POSTGRES_PASSWORD_NAMES =
      Set.of("POSTGRES_PASSWORD", "POSTGRES_PWD", "SQL_PASSWORD");

  private static final String POSTGRES_DEV_DEFAULT = "${POSTGRES_PASSWORD:-temporal}";

  /** Shapes of real credentials, so a pasted key is caught wherever it sits in the file. */
  private static final Pattern CREDENTIAL_SHAPE =
      Pattern.compile(
          "sk-[A-Za-z0-9_-]{16,}|hf_[A-Za-z0-9]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}");

  private static Path root;
  private static String composeText;
  private static JsonNode services;
  private static String docs;

  @BeforeAll
  static void load() throws IOException {
    root = repositoryRoot();
    composeText = Files.readString(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
    JsonNode compose = new YAMLMapper().readTree(composeText);
    services = compose.get("services");
    assertNotNull(services, "docker-compose.yml: services: missing");
    docs = Files.readString(root.resolve("docs/deployment.md"), StandardCharsets.UTF_8);
  }

  @Test
  void everyServiceTheDocsTableNamesExistsAndEveryServiceIsInIt() {
    Set<String> documented = documentedServices();
    assertFalse(documented.isEmpty(), "docs/deployment.md: no service table under '## Services'");
    Set<String> declared = serviceNames();
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(declared);
    assertTrue(
        missing.isEmpty(),
        "docs/deployment.md names services docker-compose.yml lacks: " + missing);
    Set<String> undocumented = new TreeSet<>(declared);
    undocumented.removeAll(documented);
    assertTrue(
        undocumented.isEmpty(),
        "docker-compose.yml services missing from docs/deployment.md: " + undocumented);
  }

  @Test
  void everyServiceADocumentedDockerComposeCommandNamesExists() {
    List<String> commands = dockerComposeCommands(docs);
    assertTrue(
        commands.size() >= 5,
        "docs/deployment.md: expected its docker compose commands, found " + commands);
    Set<String> declared = serviceNames();
    for (String command : commands) {
      for (String service : servicesIn(command)) {
        assertTrue(
            declared.contains(service),
            "docs/deployment.md: `docker compose "
                + command
                + "` names service '"
                + service
                + "', which docker-compose.yml does not declare");
      }
    }
  }

  @Test
  void theCommandParserFindsServicesWhereverACommandPutsThem() {
    assertEquals(
        List.of("worker-gpu"), servicesIn("--profile no-gpu up -d --build --scale worker-gpu=0"));
    assertEquals(
        List.of("worker-workflow"),
        servicesIn(
            "run --rm -v \"$PWD/configs:/configs:ro\" worker-workflow start --config /c/run.yaml"));
    assertEquals(
        List.of("temporal-create-namespace"),
        servicesIn(
            "run --rm --no-deps --entrypoint temporal temporal-create-namespace workflow list"));
    assertEquals(List.of("temporal", "grafana"), servicesIn("logs --tail 20 temporal grafana"));
    assertEquals(List.of(), servicesIn("down -v"));
  }

  @Test
  void everyWorkerCommandParsesAsALooptoolCommandLine() {
    Map<String, List<String>> workers = workerCommands();
    assertFalse(workers.isEmpty(), "docker-compose.yml: no service builds the looptool image");
    for (Map.Entry<String, List<String>> worker : workers.entrySet()) {
      String[] args = worker.getValue().toArray(new String[0]);
      CommandLine.ParseResult parsed;
      try {
        parsed = looptoolCli().parseArgs(args);
      } catch (CommandLine.ParameterException e) {
        fail(
            "docker-compose.yml: services."
                + worker.getKey()
                + ".command "
                + worker.getValue()
                + " is not a looptool command line: "
                + e.getMessage());
        return;
      }
      assertNotNull(parsed.subcommand(), "services." + worker.getKey() + ".command: no subcommand");
      assertEquals(
          "worker",
          parsed.subcommand().commandSpec().name(),
          "services." + worker.getKey() + ".command must start a worker");
    }
  }

  @Test
  void theCliParserRejectsACommandThatDoesNotExist() {
    // The check above is only worth something if parsing, not just building, can fail.
    assertThrows(
        CommandLine.ParameterException.class,
        () -> looptoolCli().parseArgs("no-such-command", "--pool", "gpu"));
  }

  @Test
  void everyPoolHasAWorkerWithoutProfilesAndPrometheusScrapesEveryWorker() throws IOException {
    Set<String> served = new TreeSet<>();
    for (Map.Entry<String, List<String>> worker : workerCommands().entrySet()) {
      List<String> pools = pools(worker.getValue());
      assertFalse(pools.isEmpty(), "services." + worker.getKey() + ".command names no --pool");
      assertTrue(
          POOLS.containsAll(pools), "services." + worker.getKey() + ": unknown pool in " + pools);
      if (!services.get(worker.getKey()).has("profiles")) {
        served.addAll(pools);
      }
    }
    assertEquals(
        new TreeSet<>(POOLS),
        served,
        "a plain `docker compose up` must start a worker for every pool");

    JsonNode prometheus =
        new YAMLMapper().readTree(root.resolve("deploy/prometheus/prometheus.yml").toFile());
    Set<String> targets = new LinkedHashSet<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      for (JsonNode staticConfig : job.path("static_configs")) {
        staticConfig.path("targets").forEach(t -> targets.add(t.asText()));
      }
    }
    for (String worker : workerCommands().keySet()) {
      String port = environment(worker).getOrDefault("LOOPTOOL_METRICS_PORT", "9464");
      // A worker is reachable under its service name and under its network aliases.
      List<String> names = new ArrayList<>(List.of(worker));
      services
          .get(worker)
          .path("networks")
          .forEach(network -> network.path("aliases").forEach(a -> names.add(a.asText())));
      assertTrue(
          names.stream().anyMatch(name -> targets.contains(name + ":" + port)),
          "deploy/prometheus/prometheus.yml: no scrape target for "
              + worker
              + " (as "
              + names
              + ", port "
              + port
              + "; have "
              + targets
              + ")");
    }
  }

  @Test
  void workersShareTheArtifactStoreAndReadTheirSettingsFromTheEnvironment() {
    for (String worker : workerCommands().keySet()) {
      Map<String, String> env = environment(worker);
      assertEquals("temporal:7233", env.get("LOOPTOOL_TEMPORAL"), worker + ": LOOPTOOL_TEMPORAL");
      assertNotNull(env.get("LOOPTOOL_NAMESPACE"), worker + ": LOOPTOOL_NAMESPACE");
      assertEquals("true", env.get("OPT_OUT_TRACKING"), worker + ": OPT_OUT_TRACKING");
      String store = env.get("LOOPTOOL_STORE");
      assertNotNull(store, worker + ": LOOPTOOL_STORE");
      List<String> volumes = new ArrayList<>();
      services.get(worker).path("volumes").forEach(v -> volumes.add(v.asText()));
      assertTrue(
          volumes.contains("artifacts:" + store),
          "services."
              + worker
              + ".volumes must mount the shared volume 'artifacts' at "
              + store
              + ", has "
              + volumes);
      assertTrue(
          services.get(worker).has("healthcheck"), "services." + worker + ": no healthcheck");
    }
  }

  @Test
  void noSecretHasAValue() throws IOException {
    assertEquals(List.of(), secretViolations(services), "docker-compose.yml");
    Matcher credential = CREDENTIAL_SHAPE.matcher(composeText);
    if (credential.find()) {
      fail("docker-compose.yml holds what looks like a credential: " + credential.group());
    }

    List<String> envExample =
        Files.readAllLines(root.resolve("deploy/env.example"), StandardCharsets.UTF_8);
    for (int i = 0; i < envExample.size(); i++) {
      String line = envExample.get(i).trim();
      if (line.startsWith("#") || !line.contains("=")) {
        continue;
      }
      String name = line.substring(0, line.indexOf('='));
      String value = line.substring(line.indexOf('=') + 1);
      if (SECRET_NAME.matcher(name).matches() && !value.isEmpty()) {
        boolean devDefault = name.equals("POSTGRES_PASSWORD") && value.equals("temporal");
        assertTrue(
            devDefault,
            "deploy/env.example:" + (i + 1) + ": " + name + ": a secret must have no value here");
      }
    }
  }

  @Test
  void theSecretCheckCatchesValuesDefaultsAndLiteralsInBothEnvironmentForms() throws IOException {
    JsonNode planted =
        new YAMLMapper()
            .readTree(
                String.join(
                    "\n",
                    "a:",
                    "  environment:",
                    "    OPENAI_API_KEY: sk-literal",
                    "    HF_TOKEN: ${HF_TOKEN:-hf_default}",
                    "    LOOPTOOL_JUDGE_API_KEY: ${LOOPTOOL_JUDGE_API_KEY}",
                    "    GRAFANA_PASSWORD:",
                    "b:",
                    "  environment:",
                    "    - VLLM_API_KEY=abc",
                    "    - LOOPTOOL_GENERATOR_API_KEY",
                    "    - POSTGRES_PWD=${POSTGRES_PASSWORD:-temporal}",
                    "  command: [\"--model\", \"m\", \"--api-key\", \"abc\"]"));
    assertEquals(
        List.of(
            "a.environment.OPENAI_API_KEY",
            "a.environment.HF_TOKEN",
            "b.environment.VLLM_API_KEY",
            "b.command --api-key"),
        secretViolations(planted));
  }

  @Test
  void imagesArePinnedToAVersion() {
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      String image = service.getValue().path("image").asText("");
      assertFalse(image.isEmpty(), "services." + service.getKey() + ": no image");
      int slash = image.lastIndexOf('/');
      int colon = image.indexOf(':', slash + 1);
      assertTrue(colon > 0, "services." + service.getKey() + ".image " + image + ": no tag");
      String tag = image.substring(colon + 1);
      assertFalse(
          tag.equals("latest") || tag.contains("${"),
          "services."
              + service.getKey()
              + ".image "
              + image
              + ": the tag must name a fixed version");
    }
  }

  @Test
  void databasePortsArePublishedOnLoopbackOnly() {
    int databases = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      if (!service.getValue().path("image").asText("").startsWith("postgres:")) {
        continue;
      }
      databases++;
      for (JsonNode port : service.getValue().path("ports")) {
        String hostIp = port.isObject() ? port.path("host_ip").asText("") : port.asText();
        assertTrue(
            hostIp.startsWith("127.0.0.1"),
            "services."
                + service.getKey()
                + ".ports: "
                + port
                + " must be published on 127.0.0.1 only");
      }
    }
    assertEquals(1, databases, "docker-compose.yml: expected one PostgreSQL service");
  }

  @Test
  void everyPortIsPublishedOnLoopbackUnlessTheOperatorChoosesAnAddress() {
    // Temporal, its UI and Grafana have no authentication here: nothing listens on every interface
    // unless LOOPTOOL_PUBLISH_ADDR says so (docs/deployment.md, "Several hosts").
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      for (JsonNode port : service.getValue().path("ports")) {
        String text = port.asText();
        assertTrue(
            text.startsWith("127.0.0.1:")
                || text.startsWith("${LOOPTOOL_PUBLISH_ADDR:-127.0.0.1}:"),
            "services."
                + service.getKey()
                + ".ports: "
                + port
                + " must name its host address (127.0.0.1 by default)");
      }
    }
  }

  @Test
  void theGpuWorkerReservesAnNvidiaGpuAndEveryBuildTargetIsADockerfileStage() throws IOException {
    JsonNode gpu = services.get("worker-gpu");
    assertNotNull(gpu, "docker-compose.yml: no worker-gpu service");
    assertEquals(
        "runtime-cuda",
        gpu.path("build").path("target").asText(),
        "worker-gpu must run the CUDA image");
    boolean nvidia = false;
    for (JsonNode device :
        gpu.path("deploy").path("resources").path("reservations").path("devices")) {
      List<String> capabilities = new ArrayList<>();
      device.path("capabilities").forEach(c -> capabilities.add(c.asText()));
      nvidia |= "nvidia".equals(device.path("driver").asText()) && capabilities.contains("gpu");
    }
    assertTrue(nvidia, "services.worker-gpu.deploy.resources.reservations.devices: no NVIDIA GPU");

    String dockerfile = Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8);
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      String target = service.getValue().path("build").path("target").asText("");
      if (!target.isEmpty()) {
        assertTrue(
            Pattern.compile("(?m)^FROM\\s+\\S+\\s+AS\\s+" + Pattern.quote(target) + "\\s*$")
                .matcher(dockerfile)
                .find(),
            "services."
                + service.getKey()
                + ".build.target "
                + target
                + ": no such stage in Dockerfile");
      }
    }
  }

  @Test
  void theDefaultBuildKeepsDjlsCpuNativeLibrary() {
    // The cuda profile removes it; the default build (which runs these tests) must not.
    assertNotNull(
        getClass().getResource("/native/lib/pytorch.properties"),
        "pytorch-native-cpu is not on the default class path");
  }

  @Test
  void theNamespaceJobRegistersTheWorkflowsSearchAttributes() throws IOException {
    String script =
        Files.readString(
            root.resolve("deploy/temporal/create-namespace.sh"), StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile("<<ATTRIBUTES\\n(.*?)\\nATTRIBUTES", Pattern.DOTALL).matcher(script);
    assertTrue(block.find(), "deploy/temporal/create-namespace.sh: no ATTRIBUTES here-document");
    Map<String, String> registered = new LinkedHashMap<>();
    for (String line : block.group(1).split("\\n")) {
      String[] nameType = line.trim().split("\\s+");
      assertEquals(
          2,
          nameType.length,
          "deploy/temporal/create-namespace.sh: '" + line + "' is not NAME TYPE");
      registered.put(nameType[0], nameType[1]);
    }
    assertEquals(
        Map.of("LoopIteration", "Int", "LoopStage", "Keyword", "LoopAccuracy", "Double"),
        registered);
    JsonNode job = services.get("temporal-create-namespace");
    assertNotNull(job, "docker-compose.yml: no temporal-create-namespace service");
    assertTrue(
        job.path("image").asText().startsWith("temporalio/admin-tools:"),
        "the namespace job runs the admin-tools image");
  }

  @Test
  void theDashboardReadsOnlyDocumentedMetricsFromTheProvisionedDatasource() throws IOException {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(root.resolve("deploy/grafana/dashboards/looptool.json").toFile());
    JsonNode datasources =
        new YAMLMapper()
            .readTree(
                root.resolve("deploy/grafana/provisioning/datasources/prometheus.yml").toFile());
    String uid = datasources.path("datasources").path(0).path("uid").asText();
    assertFalse(uid.isEmpty(), "deploy/grafana/provisioning/datasources/prometheus.yml: no uid");

    Set<String> metrics = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b((?:looptool|temporal)_[a-z0-9_]+)");
    int panels = 0;
    for (JsonNode panel : dashboard.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        continue;
      }
      panels++;
      String title = panel.path("title").asText();
      assertEquals(
          uid, panel.path("datasource").path("uid").asText(), "panel '" + title + "': datasource");
      assertFalse(panel.path("targets").isEmpty(), "panel '" + title + "': no query");
      for (JsonNode target : panel.path("targets")) {
        Matcher m = metric.matcher(target.path("expr").asText());
        while (m.find()) {
          metrics.add(m.group(1).replaceAll("_(sum|count|max|bucket)$", ""));
        }
      }
    }
    assertTrue(panels >= 8, "deploy/grafana/dashboards/looptool.json: only " + panels + " panels");
    for (String name :
        List.of(
            "looptool_stage_started_total",
            "looptool_samples_total",
            "looptool_verdicts_total",
            "looptool_heldout_accuracy",
            "temporal_activity_execution_latency_seconds",
            "temporal_activity_execution_failed_total")) {
      assertTrue(metrics.contains(name), "the dashboard has no panel on " + name);
    }
    for (String name : metrics) {
      assertTrue(
          docs.contains("`" + name + "`"),
          "deploy/grafana/dashboards/looptool.json reads "
              + name
              + ", which docs/deployment.md does not list");
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static CommandLine looptoolCli() {
    // Configured like LoopToolCli.execute, but only parsed: nothing runs.
    return new CommandLine(new LoopToolCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  private static Set<String> serviceNames() {
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Services built from this repository's Dockerfile, with their command lines. */
  private static Map<String, List<String>> workerCommands() {
    Map<String, List<String>> workers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      if (!service.getValue().has("build")) {
        continue;
      }
      JsonNode command = service.getValue().path("command");
      assertTrue(
          command.isArray(),
          "services." + service.getKey() + ".command must be a list (exec form)");
      List<String> args = new ArrayList<>();
      command.forEach(a -> args.add(a.asText()));
      workers.put(service.getKey(), args);
    }
    return workers;
  }

  private static List<String> pools(List<String> args) {
    List<String> pools = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--pool") && i + 1 < args.size()) {
        pools.add(args.get(++i));
      } else if (args.get(i).startsWith("--pool=")) {
        pools.add(args.get(i).substring("--pool=".length()));
      }
    }
    return pools;
  }

  /** A service's environment in either compose form; a variable passed through maps to null. */
  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } else {
      for (JsonNode entry : node) {
        String text = entry.asText();
        int eq = text.indexOf('=');
        env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
      }
    }
    return env;
  }

  private static Map<String, String> environment(String service) {
    return environment(services.get(service));
  }

  /** Every place under {@code services} where a secret has a value, as service.field paths. */
  private static List<String> secretViolations(JsonNode services) {
    List<String> violations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      for (Map.Entry<String, String> var : environment(service.getValue()).entrySet()) {
        String name = var.getKey();
        String value = var.getValue();
        if (!SECRET_NAME.matcher(name).matches() || value == null || value.isEmpty()) {
          continue;
        }
        boolean reference = PURE_REFERENCE.matcher(value).matches();
        boolean postgresDevDefault =
            POSTGRES_PASSWORD_NAMES.contains(name) && value.equals(POSTGRES_DEV_DEFAULT);
        if (!reference && !postgresDevDefault) {
          violations.add(service.getKey() + ".environment." + name);
        }
      }
      List<String> command = new ArrayList<>();
      service.getValue().path("command").forEach(a -> command.add(a.asText()));
      for (int i = 0; i + 1 < command.size(); i++) {
        String option = command.get(i);
        if (option.startsWith("--")
            && SECRET_NAME.matcher(option.replace("-", "")).matches()
            && !PURE_REFERENCE.matcher(command.get(i + 1)).matches()) {
          violations.add(service.getKey() + ".command " + option);
        }
      }
    }
    return violations;
  }

  /** Service names in the table under "## Services": the first cell of each row, in backticks. */
  private static Set<String> documentedServices() {
    Set<String> names = new LinkedHashSet<>();
    boolean inSection = false;
    Pattern row = Pattern.compile("^\\|\\s*`([a-z0-9-]+)`\\s*\\|");
    for (String line : docs.split("\\n")) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Services");
        continue;
      }
      Matcher m = row.matcher(line);
      if (inSection && m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** What follows "docker compose" on each line of the docs (continuation lines joined). */
  private static List<String> dockerComposeCommands(String text) {
    List<String> commands = new ArrayList<>();
    Matcher m =
        Pattern.compile("docker compose ([^`\\n]*)").matcher(text.replaceAll("\\\\\\n\\s*", " "));
    while (m.find()) {
      // A shell comment after the command is prose, not arguments.
      commands.add(m.group(1).replaceAll("\\s#.*$", "").trim());
    }
    return commands;
  }

  /** The services a docker compose command line names, after its global options and subcommand. */
  static List<String> servicesIn(String command) {
    List<String> tokens = tokens(command);
    Set<String> globalWithValue =
        Set.of("--profile", "-f", "--file", "--env-file", "-p", "--project-name");
    int i = 0;
    while (i < tokens.size() && tokens.get(i).startsWith("-")) {
      i += globalWithValue.contains(tokens.get(i)) ? 2 : 1;
    }
    if (i >= tokens.size()) {
      return List.of();
    }
    String subcommand = tokens.get(i++);
    boolean single = subcommand.equals("run") || subcommand.equals("exec");
    Set<String> withValue =
        single
            ? Set.of(
                "-v",
                "--volume",
                "-e",
                "--env",
                "--entrypoint",
                "--name",
                "-w",
                "--workdir",
                "-u",
                "--user",
                "-p",
                "--publish")
            : Set.of("--tail", "-t", "--timeout", "--scale");
    List<String> named = new ArrayList<>();
    for (; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.equals("--scale") && i + 1 < tokens.size()) {
        String scaled = tokens.get(++i);
        named.add(
            scaled.substring(0, scaled.indexOf('=') < 0 ? scaled.length() : scaled.indexOf('=')));
      } else if (withValue.contains(token)) {
        i++;
      } else if (!token.startsWith("-")) {
        named.add(token);
        if (single) {
          break;
        }
      }
    }
    return named;
  }

  private static List<String> tokens(String command) {
    List<String> tokens = new ArrayList<>();
    Matcher m = Pattern.compile("\"[^\"]*\"|'[^']*'|\\S+").matcher(command);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  private static Path repositoryRoot() {
    String configured = System.getProperty("looptool.repo.root");
    if (configured != null && Files.isRegularFile(Path.of(configured, "docker-compose.yml"))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "docker-compose.yml not found in " + Path.of("").toAbsolutePath() + " or above");
  }
}
