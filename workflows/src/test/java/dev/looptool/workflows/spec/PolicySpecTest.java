package dev.looptool.workflows.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The external policy's trainer, prompt and server fields: defaults, manifest and problems. */
class PolicySpecTest {
  static PolicySpec read(String json) throws Exception {
    return SpecDefaultsTest.JSON.readValue(json, PolicySpec.class).withDefaults();
  }

  static final String SERVED =
      "\"server\": {\"command\": [\"vllm\", \"serve\", \"{checkpoint}\", \"--port\", \"{port}\","
          + " \"--served-model-name\", \"{served_name}\"]}";

  @Test
  void unsetNewFieldsStayOutOfTheManifest() throws Exception {
    PolicySpec p = read("{}");
    assertNull(p.baseModel());
    assertNull(p.server());
    assertEquals("hermes", p.promptStyle());
    assertFalse(p.probesEndpoint());
    JsonNode tree = SpecDefaultsTest.JSON.valueToTree(p);
    for (String f : List.of("baseModel", "prompt", "server")) {
      assertFalse(tree.has(f), f + " must not be recorded when unset: " + tree);
    }
    JsonNode ext =
        SpecDefaultsTest.JSON.valueToTree(
            read("{\"external\": {\"command\": [\"t\"]}}").external());
    assertEquals(List.of("command", "workingDir", "timeoutMinutes"), fieldNames(ext));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void aServedExternalPolicyNeedsNoFixedProber() throws Exception {
    PolicySpec p =
        read(
            "{\"backend\": \"external\", \"baseModel\": \"Qwen/Qwen3-8B\", \"prompt\": \"chat\","
                + " \"external\": {\"command\": [\"train\", \"{base_model}\", \"{train_file}\","
                + " \"{test_file}\", \"{run_id}\", \"{iteration}\", \"{seed}\"],"
                + " \"environment\": {\"WANDB_MODE\": \"offline\"},"
                + " \"passEnvironment\": [\"HF_TOKEN\"], \"retryableExitCodes\": [3]}, "
                + SERVED
                + "}");
    assertEquals(List.of(), p.problems("policy"));
    assertTrue(p.probesEndpoint());
    assertEquals("chat", p.promptStyle());
    assertEquals(600, p.server().startTimeout());
    assertEquals(600, p.server().idleTimeout());
    assertEquals(Map.of("WANDB_MODE", "offline"), p.external().environment());
  }

  @Test
  void eachNewFieldIsChecked() throws Exception {
    PolicySpec p =
        read(
            "{\"backend\": \"external\", \"baseModel\": \" \", \"prompt\": \"jinja\","
                + " \"external\": {\"command\": [\"train\", \"{train_fil}\"], \"timeoutMinutes\": 0,"
                + " \"environment\": {\"HF_TOKEN\": \"hf_abc\", \"bad name\": \"x\"},"
                + " \"passEnvironment\": [\"HF-TOKEN\"], \"retryableExitCodes\": [0, 300]},"
                + " \"server\": {\"command\": [\"vllm\", \"serve\", \"{model}\"],"
                + " \"startTimeoutSeconds\": 0, \"idleTimeoutSeconds\": -1}}");
    assertEquals(
        List.of(
            "policy.external.command: unknown placeholder(s) {train_fil}; known: {base_model},"
                + " {init_checkpoint}, {iteration}, {output_dir}, {run_id}, {seed}, {test_file},"
                + " {train_file}",
            "policy.external.timeoutMinutes: must be positive",
            "policy.external.environment.HF_TOKEN: looks like a secret; the spec is recorded in"
                + " the manifest, so set it in the worker's environment, which the child inherits"
                + " (policy.external.passEnvironment checks that a name is set)",
            "policy.external.environment: 'bad name' is not an environment variable name",
            "policy.external.passEnvironment: 'HF-TOKEN' is not an environment variable name",
            "policy.external.retryableExitCodes: 0 is no failing exit code (1..255)",
            "policy.external.retryableExitCodes: 300 is no failing exit code (1..255)",
            "policy.baseModel: must not be blank",
            "policy.prompt: must be 'hermes' or 'chat', got 'jinja'",
            "policy.server.command: unknown placeholder(s) {model}; known: {base_model},"
                + " {checkpoint}, {port}, {served_name}",
            "policy.server.command: must name {port} (the worker picks both per checkpoint)",
            "policy.server.command: must name {checkpoint} (the worker picks both per"
                + " checkpoint)",
            "policy.server.startTimeoutSeconds: must be positive",
            "policy.server.idleTimeoutSeconds: must not be negative (0: stop when unused)"),
        p.problems("policy"));
  }

  @Test
  void baseModelPlaceholderNeedsABaseModel() throws Exception {
    assertEquals(
        List.of("policy.external.command: names {base_model} but policy.baseModel is not set"),
        read("{\"backend\": \"external\", \"external\": {\"command\": [\"t\", \"{base_model}\"]},"
                + SERVED
                + "}")
            .problems("policy"));
  }

  @Test
  void serverIsACommandOrAReloadAndAReloadNeedsAProber() throws Exception {
    assertEquals(
        List.of(
            "policy.server: give exactly one of command (a server per checkpoint) and reload",
            "policy.server.reload.url: a path needs policy.prober, the server it is sent to",
            "policy.server.reload: needs policy.prober, the server that loads the checkpoint"),
        read("{\"server\": {\"command\": [\"s\", \"{port}\", \"{checkpoint}\"],"
                + " \"reload\": {\"url\": \"/v1/load_lora_adapter\"}}}")
            .problems("policy"));
    assertEquals(
        List.of(
            "policy.server.reload.url: a path needs policy.prober, the server it is sent to",
            "policy.server.reload: needs policy.prober, the server that loads the checkpoint"),
        read("{\"server\": {\"reload\": {\"url\": \"/v1/load_lora_adapter\"}}}")
            .problems("policy"));
    assertEquals(
        List.of(),
        read("{\"server\": {\"reload\": {\"url\": \"/v1/load_lora_adapter\", \"body\":"
                + " {\"lora_name\": \"{served_name}\", \"lora_path\": \"{checkpoint}\"}}},"
                + " \"prober\": {\"baseUrls\": [\"http://127.0.0.1:8000/v1\"], \"model\":"
                + " \"m\"}}")
            .problems("policy"));
  }

  @Test
  void theBuiltInModelMayBeServedButNotPromptedDifferently() throws Exception {
    assertEquals(List.of(), read("{" + SERVED + "}").problems("policy"));
    assertEquals(
        List.of(
            "policy.prompt: 'chat' only applies to an endpoint (policy.backend 'external' or"
                + " policy.server); the built-in model reads its own compact format"),
        read("{\"prompt\": \"chat\"}").problems("policy"));
    assertEquals(List.of(), read("{\"prompt\": \"hermes\"}").problems("policy"));
  }
}
