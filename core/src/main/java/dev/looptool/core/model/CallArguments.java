package dev.looptool.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;

/**
 * A tool call's {@code arguments} as models and APIs send them: a JSON object, a string holding one
 * (as the OpenAI API sends them), or absent for none.
 */
public final class CallArguments {
  private CallArguments() {}

  /** What is wrong with arguments that are not an object. */
  public enum Problem {
    /** A string that is not JSON. */
    STRING_NOT_JSON,
    /** A string holding JSON that is not an object. */
    STRING_NOT_OBJECT,
    /** Neither an object nor a string. */
    NOT_OBJECT
  }

  /** Arguments that are not an object; the message is the parser's for {@code STRING_NOT_JSON}. */
  public static final class InvalidException extends Exception {
    private final Problem problem;

    InvalidException(Problem problem, String message) {
      super(message, null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  /** The arguments as an object: an empty one for null or absent ones. */
  public static ObjectNode read(JsonNode args) throws InvalidException {
    if (args == null || args.isNull()) {
      return Json.object();
    }
    if (args.isObject()) {
      return (ObjectNode) args;
    }
    if (!args.isTextual()) {
      throw new InvalidException(Problem.NOT_OBJECT, "not an object");
    }
    JsonNode parsed;
    try {
      parsed = Json.parse(args.textValue());
    } catch (JsonProcessingException e) {
      throw new InvalidException(Problem.STRING_NOT_JSON, e.getOriginalMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw new InvalidException(Problem.STRING_NOT_OBJECT, "not an object");
    }
    return (ObjectNode) parsed;
  }
}
