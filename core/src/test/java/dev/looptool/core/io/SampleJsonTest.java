package dev.looptool.core.io;

import static dev.looptool.core.testing.Fixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.LabelChange;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleJsonTest {

  @Test
  void sampleRoundTripsWithProvenanceAndMeta() throws Exception {
    Sample s = Fixtures.weatherSample("s1");
    Provenance p =
        new Provenance(Origin.EXPANDED, "s0", 2, List.of())
            .withCorrection(
                new LabelChange(
                    3,
                    Label.ofCalls(List.of(call("get_weather", "{\"city\":\"Pari\"}"))),
                    "LABEL_WRONG",
                    "typo in city"));
    Sample corrected =
        new Sample(
            "s1",
            s.tools(),
            List.of(
                Message.system("sys"),
                Message.user("u"),
                Message.assistant(List.of(call("get_weather", "{\"city\":\"Rome\"}"))),
                Message.tool("get_weather", "{\"t\":1}"),
                Message.user("and Paris?")),
            new Label(s.label().calls(), "here you go"),
            p,
            Fixtures.args("{\"shape\":\"single\",\"domain\":\"weather\"}"));
    String json = SampleJson.toJson(corrected);
    Sample back = SampleJson.read(Json.parse(json));
    assertEquals(corrected, back);
    assertEquals(json, SampleJson.toJson(back));
    assertEquals(Origin.CORRECTED, back.provenance().origin());
    assertEquals("typo in city", back.provenance().labelHistory().get(0).reason());
  }

  @Test
  void openAiStringArgumentsAreAccepted() throws Exception {
    String line =
        "{\"id\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\": 1}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":\"again\"}],"
            + "\"label\":{\"text\":\"done\"}}";
    Sample s = SampleJson.read(Json.parse(line));
    assertEquals(1, s.messages().get(1).toolCalls().get(0).arguments().get("a").intValue());
    assertEquals("c1", s.messages().get(2).toolCallId());
    assertEquals("done", s.label().text());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"messages\":[],\"label\":{\"calls\":[]}}|id",
        "{\"id\":7,\"messages\":[],\"label\":{\"calls\":[]}}|id",
        "{\"id\":\"a\",\"label\":{\"calls\":[]}}|messages",
        "{\"id\":\"a\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}],\"label\":{\"calls\":[]}}|messages[0].role",
        "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":5}],\"label\":{\"calls\":[]}}|messages[0].content",
        "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"tool_calls\":[]}],\"label\":{\"calls\":[]}}|messages[0].tool_calls",
        "{\"id\":\"a\",\"messages\":[],\"label\":{\"calls\":[{\"name\":\"f\",\"arguments\":[1]}]}}|label.calls[0].arguments",
        "{\"id\":\"a\",\"messages\":[],\"label\":{\"calls\":[{\"arguments\":{}}]}}|label.calls[0].name",
        "{\"id\":\"a\",\"messages\":[],\"label\":{}}|label",
        "{\"id\":\"a\",\"messages\":[]}|label",
        "{\"id\":\"a\",\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"d\"}}],\"messages\":[],\"label\":{\"text\":\"t\"}}|tools[0].function.name",
        "{\"id\":\"a\",\"tools\":[{\"name\":\"f\",\"parameters\":\"x\"}],\"messages\":[],\"label\":{\"text\":\"t\"}}|tools[0].parameters",
        "{\"id\":\"a\",\"messages\":[],\"label\":{\"text\":\"t\"},\"provenance\":{\"origin\":\"alien\"}}|provenance.origin",
        "{\"id\":\"a\",\"messages\":[],\"label\":{\"text\":\"t\"},\"provenance\":{\"origin\":\"seed\",\"iteration\":\"one\"}}|provenance.iteration",
        "[1,2]|$",
      })
  void errorsNameTheField(String json, String field) {
    FormatException e =
        assertThrows(FormatException.class, () -> SampleJson.read(Json.parse(json)));
    assertEquals(field, e.field(), e.getMessage());
    // Decoding from bytes (with the tool cache) reports the same field and message.
    byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    FormatException fromBytes =
        assertThrows(FormatException.class, () -> SampleJson.read(b, 0, b.length));
    assertEquals(e.field(), fromBytes.field());
    assertEquals(e.getMessage(), fromBytes.getMessage());
  }

  @Test
  void bytesDecodeToTheSameSampleAndShareRepeatedToolSpecs() throws Exception {
    String line = SampleJson.toJson(Fixtures.weatherSample("x"));
    byte[] padded = ("junk" + line + "junk").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Sample a = SampleJson.read(padded, 4, padded.length - 8);
    Sample b = SampleJson.read(padded, 4, padded.length - 8);
    assertEquals(SampleJson.read(Json.parse(line)), a);
    assertEquals(a, b);
    org.junit.jupiter.api.Assertions.assertSame(
        a.tools().get(0), b.tools().get(0), "a repeated tool spec is decoded once");
    byte[] bad = (line + " {}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SampleBytes.SyntaxException trailing =
        assertThrows(SampleBytes.SyntaxException.class, () -> SampleJson.read(bad, 0, bad.length));
    org.junit.jupiter.api.Assertions.assertTrue(
        trailing.getMessage().startsWith("unexpected content after the JSON value"));
    byte[] cut =
        line.substring(0, line.length() - 3).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SampleBytes.SyntaxException broken =
        assertThrows(SampleBytes.SyntaxException.class, () -> SampleJson.read(cut, 0, cut.length));
    org.junit.jupiter.api.Assertions.assertTrue(broken.getMessage().startsWith("malformed JSON"));
  }
}
