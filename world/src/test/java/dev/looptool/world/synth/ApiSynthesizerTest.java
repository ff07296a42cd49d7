package dev.looptool.world.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.schema.SchemaChecker;
import dev.looptool.world.sim.SimulatedTool;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApiSynthesizerTest {

  @Test
  void theContextTreeHasAtLeastTenDomainsWithSubDomainsAndCapabilities() {
    assertTrue(ContextTree.domains().size() >= 10, ContextTree.domains().toString());
    Set<String> subdomains = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (Capability c : ContextTree.CAPABILITIES) {
      subdomains.add(c.domain() + "/" + c.subdomain());
      assertTrue(keys.add(c.key()), "duplicate capability " + c.key());
      assertFalse(c.phrases().isEmpty());
      Set<String> params = new HashSet<>();
      for (ParamKind k : c.required()) {
        assertTrue(params.add(k.key()), c.key() + " repeats " + k.key());
      }
      for (ParamKind k : c.optional()) {
        assertTrue(params.add(k.key()), c.key() + " repeats " + k.key());
      }
      if (c.consumes() != null) {
        assertTrue(
            c.required().contains(c.consumes()), c.key() + " must require the id it consumes");
        assertFalse(c.refPhrases().isEmpty(), c.key());
      }
    }
    assertTrue(subdomains.size() > ContextTree.domains().size());
  }

  @Test
  void synthesisIsDeterministicAndNamesAreUnique() {
    List<WorldTool> a = ApiSynthesizer.synthesize(3, 150, false);
    List<WorldTool> b = ApiSynthesizer.synthesize(3, 150, false);
    assertEquals(150, a.size());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      assertEquals(json(a.get(i).spec()), json(b.get(i).spec()));
      assertTrue(names.add(a.get(i).name()));
      assertTrue(a.get(i).name().matches("[A-Za-z0-9_]+"), a.get(i).name());
    }
    assertFalse(
        json(a.get(0).spec()).equals(json(ApiSynthesizer.synthesize(4, 150, false).get(0).spec())));
  }

  @Test
  void specsAreWellFormedAndCoverTheConstraintTree() {
    Catalog cat = Catalog.synthesize(8, 120, false);
    EnumSet<ParamType> types = EnumSet.noneOf(ParamType.class);
    Set<String> counts = new HashSet<>();
    EnumSet<ConstraintTree.Naming> naming = EnumSet.noneOf(ConstraintTree.Naming.class);
    EnumSet<ConstraintTree.OutputFormat> outputs =
        EnumSet.noneOf(ConstraintTree.OutputFormat.class);
    boolean defaults = false;
    boolean optional = false;
    for (WorldTool t : cat.tools()) {
      ToolSpec s = t.spec();
      assertFalse(s.description().isEmpty());
      assertEquals("object", s.parameters().type());
      assertNotNull(s.returns(), "every tool has a result schema");
      assertEquals(null, t.promptSpec().returns());
      assertTrue(s.parameters().properties().keySet().containsAll(s.parameters().required()));
      for (WorldTool.Param p : t.params()) {
        types.add(p.kind().type());
        JsonSchema ps = s.parameters().properties().get(p.name());
        assertNotNull(ps.description());
        optional |= !p.required();
        if (p.defaultValue() != null) {
          defaults = true;
          assertTrue(
              SchemaChecker.valid(p.defaultValue(), ps), "default of " + t.name() + "." + p.name());
        }
      }
      int n = t.params().size();
      counts.add(n == 0 ? "0" : n <= 3 ? "1-3" : "4+");
      naming.add(t.constraints().naming());
      outputs.add(t.constraints().output());
    }
    assertEquals(EnumSet.allOf(ParamType.class), types);
    assertEquals(Set.of("0", "1-3", "4+"), counts);
    assertEquals(EnumSet.allOf(ConstraintTree.Naming.class), naming);
    assertEquals(EnumSet.allOf(ConstraintTree.OutputFormat.class), outputs);
    assertTrue(defaults && optional);
    assertFalse(cat.dependentPairs().isEmpty());
  }

  @Test
  void drawnArgumentsFitTheParameterSchemaAndToolResultsFitTheResultSchema() {
    Catalog cat = Catalog.synthesize(2, 100, false);
    SimulatedTool tool = new SimulatedTool(cat);
    SplittableRandom rng = new SplittableRandom(1);
    for (WorldTool t : cat.tools()) {
      for (int i = 0; i < 20; i++) {
        var args = dev.looptool.core.json.Json.object();
        for (WorldTool.Param p : t.params()) {
          args.set(p.name(), p.kind().draw(rng));
        }
        ToolCall call = new ToolCall(t.name(), args);
        assertTrue(
            SchemaChecker.check(call, t.spec()).isEmpty(),
            call + " " + SchemaChecker.check(call, t.spec()));
        JsonNode result = tool.respond(t.spec(), call, i);
        assertTrue(
            SchemaChecker.valid(result, t.spec().returns()), t.name() + " returned " + result);
        if (t.idPointer() != null) {
          assertTrue(
              result.at(t.idPointer()).isTextual(),
              t.name() + " result lacks its id at " + t.idPointer());
        }
      }
    }
  }

  @Test
  void wrongValuesStayInsideTheSchema() {
    SplittableRandom rng = new SplittableRandom(5);
    for (Capability c : ContextTree.CAPABILITIES) {
      for (ParamKind k : c.required()) {
        JsonNode v = k.draw(rng);
        JsonNode w = k.drawOther(v, rng);
        if (w != null) {
          assertFalse(w.equals(v));
          assertTrue(SchemaChecker.valid(w, k.schema(false)));
        }
      }
    }
  }

  private static String json(ToolSpec t) {
    StringBuilder sb = new StringBuilder();
    try (var g =
        dev.looptool.core.json.Json.MAPPER
            .getFactory()
            .createGenerator(
                new java.io.StringWriter() {
                  @Override
                  public void write(String s) {
                    sb.append(s);
                  }

                  @Override
                  public void write(char[] b, int o, int l) {
                    sb.append(b, o, l);
                  }
                })) {
      SampleJson.writeTool(t, g);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return sb.toString();
  }
}
