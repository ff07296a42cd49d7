package dev.looptool.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedSamplesTest {

  static Failure failure() {
    Sample s = LlmFixtures.sample("src", "Paris", "celsius");
    return new Failure(
        s,
        s.label(),
        Label.ofCalls(List.of(LlmFixtures.weather("Paris", null))),
        Verdict.PRED_WRONG,
        "unit dropped",
        2);
  }

  static String item(String city, String unit) {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in "
        + city
        + " please\"}],"
        + "\"label\":{\"calls\":[{\"name\":\"get_weather\",\"arguments\":{\"city\":\""
        + city
        + "\",\"unit\":\""
        + unit
        + "\"}}]}}";
  }

  @Test
  void readsAFencedArrayAndGivesContentIds() {
    String answer =
        "<think>let me vary</think>Here you go:\n```json\n["
            + item("Oslo", "celsius")
            + ",\n"
            + item("Rome", "fahrenheit")
            + "]\n```\nDone.";
    GeneratedSamples.Result r = GeneratedSamples.parse(answer, failure());
    assertEquals(2, r.samples().size(), r.rejects().toString());
    assertEquals(List.of(), r.rejects());
    Sample a = r.samples().get(0);
    assertEquals("get_weather", a.tools().get(0).name());
    assertEquals(Origin.EXPANDED, a.provenance().origin());
    assertEquals("src", a.provenance().parentId());
    assertEquals(2, a.provenance().iteration());
    assertTrue(a.id().startsWith("src~e2-"), a.id());
    // The same answer again yields the same ids: a retried expansion does not duplicate samples.
    assertEquals(a.id(), GeneratedSamples.parse(answer, failure()).samples().get(0).id());
  }

  @Test
  void rejectsAreKeptWithTheirReasons() {
    String bad =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"label\":{\"calls\":[{\"name\":\"get_weather\",\"arguments\":{\"unit\":\"kelvin\"}}]}}";
    String noLabel = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    // The same case with its fields in another order (argument objects keep theirs: the
    // fingerprint compares them as written).
    String reordered =
        "{\"label\":{\"calls\":[{\"arguments\":{\"city\":\"Oslo\",\"unit\":\"celsius\"},\"name\":\"get_weather\"}]},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo please\"}]}";
    String answer =
        "{\"samples\": ["
            + item("Oslo", "celsius")
            + ","
            + bad
            + ","
            + noLabel
            + ","
            + reordered
            + ", 7]}";
    GeneratedSamples.Result r = GeneratedSamples.parse(answer, failure());
    assertEquals(1, r.samples().size());
    assertEquals(4, r.rejects().size(), r.rejects().toString());
    assertTrue(
        r.rejects().get(0).reason().contains("missing_required"), r.rejects().get(0).reason());
    assertEquals("label", r.rejects().get(1).field());
    assertTrue(r.rejects().get(2).reason().contains("duplicate"));
    assertTrue(r.rejects().get(3).reason().contains("JSON object"));
  }

  @Test
  void anAnswerWithoutJsonIsOneReject() {
    GeneratedSamples.Result r =
        GeneratedSamples.parse("Sorry, I cannot help with that.", failure());
    assertEquals(0, r.samples().size());
    assertEquals(1, r.rejects().size());
    assertTrue(r.rejects().get(0).snippet().contains("Sorry"));
  }

  @Test
  void theSourceItselfIsADuplicate() {
    Sample src = failure().sample();
    String same =
        "[{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"What's the weather in Paris?\"}],"
            + "\"label\":{\"calls\":[{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\",\"unit\":\"celsius\"}}]}}]";
    GeneratedSamples.Result r = GeneratedSamples.parse(same, failure());
    assertEquals(0, r.samples().size(), src.toString());
    assertEquals(1, r.rejects().size());
  }

  @Test
  void promptCarriesVariationFailureAndSource() {
    Prompt p = GeneratorPrompt.build(failure(), ScenarioVariation.DATA_VARIATION, 3, 2);
    assertTrue(p.user().contains(GeneratorPrompt.describe(ScenarioVariation.DATA_VARIATION)));
    assertTrue(p.user().contains("unit dropped"));
    assertTrue(p.user().contains("Write 2 new cases (attempt 3)"));
    assertTrue(p.user().contains(GeneratorPrompt.SOURCE_OPEN + "\n{\"id\":\"src\""));
  }
}
