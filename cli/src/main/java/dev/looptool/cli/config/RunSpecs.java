package dev.looptool.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.looptool.workflows.experiment.ExperimentSpec;
import dev.looptool.workflows.spec.RunSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads run specifications from YAML ({@code .yaml}/{@code .yml}) or JSON files. Unknown fields are
 * errors (a typo must not silently fall back to a default); every error names the file, line and
 * field.
 */
public final class RunSpecs {
  // A key given twice is refused where it stands; bound to a record it would otherwise fail
  // later, with no location, as a "creator property" with no setter.
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private RunSpecs() {}

  /** A spec file that cannot be used; the message is ready to show. */
  public static final class InvalidSpecException extends Exception {
    public InvalidSpecException(String message) {
      super(message);
    }
  }

  /** Reads, fills defaults, and validates; throws with every problem listed. */
  public static RunSpec load(Path file) throws InvalidSpecException, IOException {
    RunSpec full = read(file, RunSpec.class, "run specification").withDefaults();
    throwProblems(file, full.problems());
    return full;
  }

  /** Reads an experiment specification, fills defaults, and validates it. */
  public static ExperimentSpec loadExperiment(Path file) throws InvalidSpecException, IOException {
    ExperimentSpec spec = read(file, ExperimentSpec.class, "experiment specification");
    if (spec.run() == null) {
      throwProblems(file, List.of("run: missing (the run spec the arms share)"));
    }
    ExperimentSpec full = spec.resolved();
    throwProblems(file, full.problems());
    return full;
  }

  /**
   * Refuses a spec with its problems, each {@code field: message} prefixed by {@code FILE:LINE}:
   * the line of the field, or of the nearest enclosing field the file has (line 1 for a top-level
   * field that is missing).
   */
  private static void throwProblems(Path file, List<String> problems)
      throws InvalidSpecException, IOException {
    if (!problems.isEmpty()) {
      Map<String, Integer> lines = keyLines(file);
      throw new InvalidSpecException(
          problems.stream()
              .map(p -> file + ":" + lineOfProblem(lines, p) + ": " + p)
              .collect(Collectors.joining("\n")));
    }
  }

  /**
   * Refuses a list item that is null (a bare {@code -} in YAML): the specs' lists (arms, commands,
   * endpoints) hold values, and a null would fail later, far from its line, when defaults are
   * filled in.
   */
  private static void refuseNullListItems(Path file, ObjectMapper mapper)
      throws InvalidSpecException, IOException {
    List<String> found = new ArrayList<>();
    try (JsonParser p = mapper.getFactory().createParser(file.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_NULL && p.getParsingContext().inArray()) {
          found.add(
              file
                  + ":"
                  + p.currentTokenLocation().getLineNr()
                  + ": "
                  + fieldPath(p.getParsingContext().pathAsPointer().toString())
                  + ": an empty list item; give it a value or remove it");
        }
      }
    }
    if (!found.isEmpty()) {
      throw new InvalidSpecException(String.join("\n", found));
    }
  }

  /** {@code /arms/0/name} as the field path the other errors use, {@code arms[0].name}. */
  private static String fieldPath(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String seg : pointer.substring(1).split("/")) {
      if (seg.matches("\\d+")) {
        sb.append('[').append(seg).append(']');
      } else {
        sb.append(sb.length() == 0 ? "" : ".").append(seg);
      }
    }
    return sb.toString();
  }

  /** The line of every key of a file that parsed, by its JSON pointer ({@code /policy/seed}). */
  private static Map<String, Integer> keyLines(Path file) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    try (JsonParser p = mapperFor(file).getFactory().createParser(file.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          out.putIfAbsent(
              p.getParsingContext().pathAsPointer().toString(),
              p.currentTokenLocation().getLineNr());
        }
      }
    }
    return out;
  }

  /** The line for a problem "a.b[2].c: message" (or "a.b/c: ..." naming two fields). */
  static int lineOfProblem(Map<String, Integer> lines, String problem) {
    String field = problem.substring(0, Math.max(0, problem.indexOf(": "))).split("/")[0];
    String pointer = "/" + field.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    while (!pointer.isEmpty()) {
      Integer line = lines.get(pointer);
      if (line != null) {
        return line;
      }
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
    }
    return 1;
  }

  private static ObjectMapper mapperFor(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
  }

  /** Parses {@code file} as {@code type}; every error names the file, line and field. */
  private static <T> T read(Path file, Class<T> type, String what)
      throws InvalidSpecException, IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidSpecException(file + ": no such file");
    }
    ObjectMapper mapper = mapperFor(file);
    T spec;
    try {
      spec = mapper.readValue(file.toFile(), type);
    } catch (UnrecognizedPropertyException e) {
      // Records are bound through a token buffer that has no locations: find the key in the text.
      throw new InvalidSpecException(
          file
              + ":"
              + lineOfKey(file, e.getPropertyName(), e.getLocation())
              + ": "
              + path(e.getPath())
              + ": "
              + "unknown field '"
              + e.getPropertyName()
              + "' (known here: "
              + e.getKnownPropertyIds()
              + ")");
    } catch (JsonMappingException e) {
      throw new InvalidSpecException(
          file + ":" + lineOf(file, e) + ": " + path(e.getPath()) + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      String line =
          e.getLocation() != null ? line(e.getLocation()) : lineWhereParsingStops(file, mapper);
      throw new InvalidSpecException(file + ":" + line + ": " + e.getOriginalMessage());
    }
    if (spec == null) {
      throw new InvalidSpecException(file + ":1: empty " + what);
    }
    refuseNullListItems(file, mapper);
    return spec;
  }

  /** The spec as the JSON a workflow start sends (what `temporal workflow start --input` takes). */
  public static String toJson(RunSpec spec) throws JsonProcessingException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
  }

  /** The first line where {@code key} stands as a YAML or JSON key, else the parser's location. */
  private static String lineOfKey(Path file, String key, JsonLocation fallback) throws IOException {
    java.util.regex.Pattern p =
        java.util.regex.Pattern.compile(
            "^\\s*(-\\s*)?(\""
                + java.util.regex.Pattern.quote(key)
                + "\"|"
                + java.util.regex.Pattern.quote(key)
                + ")\\s*:|[{,]\\s*\"?"
                + java.util.regex.Pattern.quote(key)
                + "\"?\\s*:");
    // Decoded leniently, as the parser did: a byte that is not UTF-8 must not hide the line.
    String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (p.matcher(lines[i]).find()) {
        return Integer.toString(i + 1);
      }
    }
    return line(fallback);
  }

  /**
   * Where a streaming parser stops on the file: the line of an error that comes without a location
   * (a broken limit such as nesting too deep).
   */
  private static String lineWhereParsingStops(Path file, ObjectMapper mapper) throws IOException {
    try (JsonParser p = mapper.getFactory().createParser(file.toFile())) {
      try {
        while (p.nextToken() != null) {
          // read on to the error
        }
      } catch (JsonProcessingException e) {
        return Integer.toString(p.currentLocation().getLineNr());
      }
      return "?";
    }
  }

  /**
   * The line of a binding error: its location, or, for errors that have none (a limit such as a
   * number too long, raised while a record is built from buffered tokens), the line of the key.
   */
  private static String lineOf(Path file, JsonMappingException e) throws IOException {
    if (e.getLocation() != null) {
      return line(e.getLocation());
    }
    for (int i = e.getPath().size() - 1; i >= 0; i--) {
      String key = e.getPath().get(i).getFieldName();
      if (key != null) {
        return lineOfKey(file, key, null);
      }
    }
    return "1";
  }

  private static String line(JsonLocation l) {
    return l == null ? "?" : Integer.toString(l.getLineNr());
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "$" : sb.toString();
  }
}
