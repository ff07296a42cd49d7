package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The loop {@code bfcl check} and {@code acebench check} share: every line of the cases file is a
 * JSON object {@code {"id", "category", "calls", …}} that gets {@code "valid"} and {@code
 * "error_type"}; a line that cannot be checked is reported with its file, line and field, and then
 * nothing is written.
 */
final class CaseChecks {
  private CaseChecks() {}

  /** The cases file a check reads and the verdicts file it writes. */
  static final class Files {
    @Option(names = "--in", required = true, description = "Cases, JSON Lines.")
    Path in;

    @Option(
        names = "--out",
        required = true,
        description = "Verdicts, JSON Lines (written atomically).")
    Path out;
  }

  /**
   * A benchmark's {@code check} subcommand: it loads the benchmark's data, then checks every case
   * of {@code --in} into {@code --out}.
   */
  abstract static class CheckCommand implements Callable<Integer> {
    static final String DESCRIPTION =
        "Check model calls: each input line {\"id\", \"category\", \"calls\": [...]} gets \"valid\" and \"error_type\".";

    @Spec CommandSpec spec;

    @Mixin Files files;

    /** Loads the benchmark's data and returns the check of one case against it. */
    abstract CaseCheck load() throws IOException;

    @Override
    public Integer call() throws IOException {
      try {
        return run(spec, files, load());
      } catch (BadDataException | IllegalArgumentException e) {
        return BfclCommand.badData(spec, e);
      }
    }
  }

  /** A benchmark's verdict on one case. */
  record Verdict(boolean valid, String errorType) {}

  /** Checks one case, or says which of its fields makes it uncheckable. */
  @FunctionalInterface
  interface CaseCheck {
    Verdict check(ObjectNode c) throws CaseProblem;
  }

  /** A case that cannot be checked, and the field that is wrong. */
  static final class CaseProblem extends Exception {
    final String field;

    CaseProblem(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  /**
   * The benchmark entry a case names by {@code id}, which must belong to the case's {@code
   * category}; {@code what} names the entries in messages ("BFCL entry").
   */
  static <E> E entry(
      ObjectNode c,
      Function<String, E> lookup,
      Function<E, String> categoryOf,
      String what,
      Path data)
      throws CaseProblem {
    String id = c.path("id").asText(null);
    E entry = id == null ? null : lookup.apply(id);
    if (entry == null) {
      throw new CaseProblem(
          "id", id == null ? "missing" : "no " + what + " '" + id + "' in " + data);
    }
    String category = c.path("category").asText(null);
    String belongs = categoryOf.apply(entry);
    if (category == null || !category.equals(belongs)) {
      throw new CaseProblem(
          "category",
          (category == null ? "missing" : "'" + category + "'")
              + "; entry "
              + id
              + " belongs to "
              + belongs);
    }
    return entry;
  }

  /** The case's model calls (a string or null stands for output that could not be decoded). */
  static JsonNode calls(ObjectNode c) throws CaseProblem {
    if (!c.has("calls")) {
      throw new CaseProblem(
          "calls", "missing (a string or null marks output that could not be decoded)");
    }
    return c.get("calls");
  }

  /** Checks every case of {@code in}, writes the verdicts to {@code out} and prints the counts. */
  static int run(CommandSpec spec, Files files, CaseCheck check) throws IOException {
    Path in = files.in;
    Path out = files.out;
    List<ObjectNode> verdicts = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    String file = in.toString();
    try (JsonlReader r = JsonlReader.open(in)) {
      while (r.hasNext()) {
        JsonlReader.Line line = r.next();
        if (!line.ok() || !line.json().isObject()) {
          errors.add(
              new LineError(
                  file,
                  line.number(),
                  "(line)",
                  line.ok() ? "must be a JSON object" : line.error()));
          continue;
        }
        ObjectNode c = (ObjectNode) line.json();
        try {
          Verdict v = check.check(c);
          c.put("valid", v.valid());
          if (v.valid()) {
            c.putNull("error_type");
          } else {
            c.put("error_type", v.errorType());
          }
          verdicts.add(c);
        } catch (CaseProblem p) {
          errors.add(new LineError(file, line.number(), p.field, p.getMessage()));
        }
      }
    }
    if (!errors.isEmpty()) {
      return BfclCommand.badData(spec, new BadDataException(errors));
    }
    CliOut.writeAtomically(
        out,
        os -> {
          for (ObjectNode v : verdicts) {
            os.write(Json.compact(v).getBytes(StandardCharsets.UTF_8));
            os.write('\n');
          }
        });
    long valid = verdicts.stream().filter(v -> v.get("valid").booleanValue()).count();
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "checked %d calls: %d valid, %d invalid -> %s%n",
            verdicts.size(),
            valid,
            verdicts.size() - valid,
            out);
    return 0;
  }
}
