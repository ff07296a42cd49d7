package dev.looptool.workflows.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Fills a spec record's unset fields from its defaults document. Each spec record declares its
 * defaults as the JSON a user would write to set them all (its {@code DEFAULTS}); {@link #fill}
 * writes the record as JSON, takes the document's value for every field the record leaves unset
 * (absent or null) and reads the result back, so a default is exactly what writing that value in
 * the spec file gives, and no call site lists a record's fields by position. A value the user
 * writes is kept whole: a map or list replaces the default map or list, it is not merged into it. A
 * field that holds a sub-spec with defaults of its own ({@link Defaultable}) is resolved by that
 * sub-spec, written or not; one that holds any other record (an endpoint, an external trainer) is
 * kept as written.
 *
 * <p>Pure and deterministic (Java constants, no I/O, no clock), so workflow code may call it: a
 * replay resolves a spec exactly as the first run did.
 */
final class SpecDefaults {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private SpecDefaults() {}

  /** An empty document to declare defaults in. */
  static ObjectNode document() {
    return MAPPER.createObjectNode();
  }

  /** An empty JSON list, the default of a list field. */
  static ArrayNode list() {
    return MAPPER.createArrayNode();
  }

  /** The spec with nothing set, as an empty document reads. */
  static <T extends Record> T empty(Class<T> type) {
    return read(document(), type);
  }

  /**
   * {@code spec} with each unset field taken from {@code defaults} and each {@link Defaultable}
   * sub-spec resolved; a name in {@code defaults} that is no field of the record fails here, the
   * first time the record is resolved.
   */
  static <T extends Record> T fill(T spec, ObjectNode defaults) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) spec.getClass();
    ObjectNode tree = MAPPER.valueToTree(spec);
    for (Map.Entry<String, JsonNode> d : defaults.properties()) {
      if (isUnset(tree.get(d.getKey()))) {
        tree.set(d.getKey(), d.getValue().deepCopy());
      }
    }
    for (RecordComponent c : type.getRecordComponents()) {
      if (Defaultable.class.isAssignableFrom(c.getType())) {
        JsonNode written = tree.get(c.getName());
        Object sub = read(isUnset(written) ? document() : written, c.getType());
        tree.set(c.getName(), MAPPER.valueToTree(((Defaultable<?>) sub).withDefaults()));
      }
    }
    return read(tree, type);
  }

  private static boolean isUnset(JsonNode value) {
    return value == null || value.isNull();
  }

  private static <T> T read(JsonNode tree, Class<T> type) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      // Every value came from a spec of this type or from a DEFAULTS document: a misnamed or
      // mistyped default is a bug in this package, not the user's.
      throw new IllegalStateException(type.getSimpleName() + " defaults: " + e.getMessage(), e);
    }
  }
}
