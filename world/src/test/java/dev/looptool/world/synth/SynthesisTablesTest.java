package dev.looptool.world.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading synthesis-tables.json: shared kinds stay one object, and bad entries are named. */
class SynthesisTablesTest {
  static final String POOLS = "\"pools\": {\"CITIES\": [\"Paris\", \"Rome\"]}";

  static SynthesisTables parse(String json) throws Exception {
    return SynthesisTables.parse("t.json", Json.parse(json));
  }

  static String problem(String json) {
    return assertThrows(IllegalStateException.class, () -> parse(json)).getMessage();
  }

  /** Why tables with the city pool, {@code kinds} and no capabilities are refused. */
  static String kindsProblem(String kinds) {
    return problem("{" + POOLS + ", \"kinds\": {" + kinds + "}, \"capabilities\": []}");
  }

  @Test
  void everyConsumedIdIsTheSameKindAsItsProducersId() {
    List<Capability> caps = ContextTree.CAPABILITIES;
    assertEquals(54, caps.size());
    int consumers = 0;
    for (Capability c : caps) {
      if (c.consumes() == null) {
        continue;
      }
      consumers++;
      assertTrue(c.required().stream().anyMatch(k -> k == c.consumes()), c.key());
      assertTrue(caps.stream().anyMatch(p -> p.produces() == c.consumes()), c.key());
    }
    assertTrue(consumers > 5, "consumers: " + consumers);
  }

  @Test
  void aPoolAndAKindNamedTwiceAreOneObject() throws Exception {
    SynthesisTables t =
        parse(
            "{"
                + POOLS
                + ", \"kinds\": {\"CITY\": {\"key\": \"city\", \"type\": \"string\","
                + " \"description\": \"City\", \"pool\": \"CITIES\", \"clauses\": [\"in {v}\"]},"
                + " \"STOPS\": {\"key\": \"stops\", \"type\": \"array\", \"description\": \"Stops\","
                + " \"item\": \"CITY\", \"min\": 1, \"max\": 3, \"clauses\": [\"via {v}\"]}},"
                + " \"capabilities\": [{\"domain\": \"travel\", \"subdomain\": \"trips\","
                + " \"key\": \"plan_trip\", \"description\": \"Plan a trip.\", \"phrases\": [\"plan\"],"
                + " \"required\": [\"CITY\"], \"optional\": [\"STOPS\"], \"produces\": \"CITY\","
                + " \"refPhrases\": [], \"result\": []}]}");
    Capability c = t.capabilities().get(0);
    assertSame(c.required().get(0), c.produces());
    assertSame(c.required().get(0), c.optional().get(0).item);
    assertEquals(List.of("Paris", "Rome"), c.produces().pool());
    assertEquals(3.0, c.optional().get(0).max);
    assertEquals(null, c.consumes());
  }

  @Test
  void anUnknownPoolIsNamedWithItsKind() {
    assertEquals(
        "t.json: kinds.CITY.pool: no pool named 'TOWNS'",
        kindsProblem(
            "\"CITY\": {\"key\": \"city\", \"type\": \"string\", \"description\": \"City\","
                + " \"pool\": \"TOWNS\"}"));
  }

  @Test
  void aKindUsedBeforeItIsDefinedIsRefused() {
    String p =
        kindsProblem(
            "\"STOPS\": {\"key\": \"stops\", \"type\": \"array\", \"description\": \"Stops\","
                + " \"item\": \"CITY\"}");
    assertTrue(p.startsWith("t.json: kinds.STOPS.item: \"CITY\" is not a kind defined above"), p);
  }

  @Test
  void unknownFieldsTypesAndKindsAreRefusedNotDropped() {
    String p = kindsProblem("\"CITY\": {\"key\": \"city\", \"type\": \"string\", \"pol\": 1}");
    assertTrue(p.startsWith("t.json: kinds.CITY.pol: unknown field"), p);
    p = kindsProblem("\"CITY\": {\"key\": \"city\", \"type\": \"town\"}");
    assertTrue(p.startsWith("t.json: kinds.CITY.type: 'town' is not one of"), p);
    p =
        problem(
            "{"
                + POOLS
                + ", \"kinds\": {}, \"capabilities\": [{\"domain\": \"d\", \"subdomain\": \"s\","
                + " \"key\": \"k\", \"description\": \"x\", \"phrases\": [\"p\"],"
                + " \"required\": [\"NOPE\"], \"optional\": [], \"refPhrases\": [], \"result\": []}]}");
    assertTrue(p.startsWith("t.json: capabilities[0].required[0]: \"NOPE\" is not a kind"), p);
  }
}
