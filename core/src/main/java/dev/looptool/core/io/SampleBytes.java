package dev.looptool.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes one JSON Lines sample straight from its bytes. Datasets repeat the same tool specs in
 * thousands of samples, so each tool's bytes are looked up in a shared cache and parsed only the
 * first time (tool specs are immutable); everything else is decoded exactly as {@link
 * SampleJson#read(JsonNode)} does, with the same field paths in errors.
 */
public final class SampleBytes {
  private static final int CACHE_LIMIT = 8192;
  private static final ConcurrentHashMap<ByteBuffer, ToolSpec> TOOLS = new ConcurrentHashMap<>();

  private SampleBytes() {}

  /** Thrown for bytes that are not one well-formed JSON value. */
  public static final class SyntaxException extends Exception {
    SyntaxException(String message) {
      super(message);
    }
  }

  /** The sample's top-level object with "tools" already decoded (through the cache). */
  static Decoded parse(byte[] bytes, int off, int len) throws SyntaxException, FormatException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes, off, len)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        // Not an object: decode the whole value so syntax errors and "$" errors read as before.
        JsonNode whole = t == null ? null : Json.MAPPER.readTree(p);
        requireEnd(p);
        return new Decoded(whole, null, null);
      }
      ObjectNode top = Json.object();
      List<ToolSpec> tools = null;
      FormatException toolsError = null;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("tools".equals(name) && v == JsonToken.START_ARRAY) {
          tools = new ArrayList<>();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            if (p.currentToken() == JsonToken.START_OBJECT
                || p.currentToken() == JsonToken.START_ARRAY) {
              p.skipChildren();
            }
            int end = (int) p.currentLocation().getByteOffset();
            ByteBuffer key = ByteBuffer.wrap(bytes, off + start, end - start);
            ToolSpec spec = TOOLS.get(key);
            if (spec == null && toolsError == null) {
              JsonNode node = Json.MAPPER.readTree(bytes, off + start, end - start);
              try {
                spec = SampleJson.readTool(node, "tools[" + i + "]");
                if (TOOLS.size() >= CACHE_LIMIT) {
                  TOOLS.clear();
                }
                TOOLS.put(
                    ByteBuffer.wrap(java.util.Arrays.copyOfRange(bytes, off + start, off + end)),
                    spec);
              } catch (FormatException e) {
                toolsError = e;
              }
            }
            if (spec != null) {
              tools.add(spec);
            }
            i++;
          }
          top.putNull("tools"); // present; decoded above
        } else {
          top.set(name, Json.MAPPER.readTree(p));
        }
      }
      requireEnd(p);
      return new Decoded(top, tools, toolsError);
    } catch (JsonProcessingException e) {
      throw new SyntaxException(JsonlReader.malformed(e));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void requireEnd(JsonParser p) throws IOException, SyntaxException {
    if (p.nextToken() != null) {
      throw new SyntaxException(
          "unexpected content after the JSON value at column " + p.currentLocation().getColumnNr());
    }
  }

  /**
   * A decoded top level: the JSON of every field but tools, and the tools (or their first error).
   */
  record Decoded(JsonNode top, List<ToolSpec> tools, FormatException toolsError) {}
}
