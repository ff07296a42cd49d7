package dev.looptool.core.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private final Sample paris = Fixtures.weatherSample("a");

  @Test
  void idProvenanceMetadataAndToolsDoNotCount() {
    Sample other =
        new Sample(
            "b",
            List.of(Fixtures.weatherTool()),
            paris.messages(),
            paris.label(),
            Provenance.expanded("a", 2),
            Json.object().put("shape", "single"));
    assertEquals(Fingerprint.of(paris), Fingerprint.of(other));
  }

  @Test
  void theLabelAndTheConversationCount() {
    Sample relabelled =
        paris.withLabel(
            Label.ofCalls(List.of(Fixtures.call("get_weather", "{\"city\":\"Paris\"}"))),
            paris.provenance());
    assertNotEquals(Fingerprint.of(paris), Fingerprint.of(relabelled));
    Sample reworded =
        new Sample(
            "a",
            paris.tools(),
            List.of(dev.looptool.core.model.Message.user("Weather in Paris, celsius?")),
            paris.label(),
            null,
            null);
    assertNotEquals(Fingerprint.of(paris), Fingerprint.of(reworded));
  }

  @Test
  void argumentsCompareInTheirKeyOrder() {
    Sample reordered =
        paris.withLabel(
            Label.ofCalls(
                List.of(Fixtures.call("get_weather", "{\"unit\":\"celsius\",\"city\":\"Paris\"}"))),
            paris.provenance());
    assertNotEquals(Fingerprint.of(paris), Fingerprint.of(reordered));
  }

  @Test
  void seenSamplesAdmitEachContentOnce() {
    SeenSamples seen = new SeenSamples();
    assertTrue(seen.add(paris));
    assertFalse(seen.add(paris.withId("copy")));
    assertTrue(seen.add(paris.withLabel(Label.ofText("Which unit?"), paris.provenance())));
  }
}
