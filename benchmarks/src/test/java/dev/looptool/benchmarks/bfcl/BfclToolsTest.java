package dev.looptool.benchmarks.bfcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.model.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class BfclToolsTest {
  /**
   * Java values travel as their source literals: every parameter a string; dotted names lose the
   * dot.
   */
  @Test
  void javaParametersTravelAsStrings() {
    BfclEntry entry = BfclDataFixture.dataset().entries(BfclCategory.JAVA).get(0);
    List<ToolSpec> tools = BfclTools.of(entry);
    JsonNode props = tools.get(0).parameters().node().get("properties");
    props
        .properties()
        .forEach(p -> assertEquals("string", p.getValue().get("type").asText(), p.getKey()));
    assertTrue(tools.get(0).name().indexOf('.') < 0);
  }

  /** BFCL's Python type names become JSON Schema types, nested ones too. */
  @Test
  void pythonTypeNamesBecomeJsonSchemaTypes() throws Exception {
    JsonNode schema =
        dev.looptool.core.json.Json.parse(
            "{\"type\": \"dict\", \"properties\": {\"xs\": {\"type\": \"tuple\", \"items\": {\"type\": \"float\"}},"
                + " \"flag\": {\"type\": \"bool\"}, \"v\": {\"type\": \"any\"}}}");
    BfclTools.convert((com.fasterxml.jackson.databind.node.ObjectNode) schema);
    assertEquals("object", schema.get("type").asText());
    assertEquals("array", schema.at("/properties/xs/type").asText());
    assertEquals("number", schema.at("/properties/xs/items/type").asText());
    assertEquals("boolean", schema.at("/properties/flag/type").asText());
    assertEquals("string", schema.at("/properties/v/type").asText());
  }
}
