package dev.looptool.activities.cpu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.ModelBackends.RunContext;
import dev.looptool.activities.backends.SeedWorld;
import dev.looptool.activities.common.RunFiles;
import dev.looptool.core.interop.DatasetFormat;
import dev.looptool.core.interop.DatasetFormats;
import dev.looptool.core.interop.DatasetImport;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.loop.SpecJson;
import dev.looptool.workflows.spec.DataSpec;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.Dataset;
import dev.looptool.workflows.stages.SeedResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed stage of the CPU pool: the run's manifest, the seed pool and held-out test (from the
 * synthetic world or the user's files), the SFT warm-up split, and D_1. Every file is rewritten
 * whole from its source, so a retried seed produces the same bytes.
 */
record SeedStage(ArtifactStore store, SeedWorld world, ModelBackends backends) {
  private static final Logger LOG = LoggerFactory.getLogger(SeedStage.class);

  SeedResult prepare(String runId, RunSpec spec) throws Exception {
    RunLayout layout = new RunLayout(runId);
    writeManifest(store, layout, spec, m -> m);
    String truthKey = null;
    long rejected;
    if (DataSpec.WORLD.equals(spec.data().source())) {
      world.generate(spec.data().world(), store, layout);
      truthKey = SeedWorld.truthKey(layout);
      rejected = RunFiles.countLines(store, layout.worldRejects());
    } else {
      rejected =
          importUserFile(
                  Path.of(spec.data().seedFile()),
                  spec.data().format(),
                  layout.seedPool(),
                  layout.seedPoolRejects())
              + importUserFile(
                  Path.of(spec.data().testFile()),
                  spec.data().testFileFormat(),
                  layout.seedTest(),
                  layout.seedTestRejects());
    }
    long pool = RunFiles.countLines(store, layout.seedPool());
    long test = RunFiles.countLines(store, layout.seedTest());
    String warmupKey = null;
    long warmup = 0;
    if (spec.data().warmupSize() != null && spec.data().warmupSize() > 0) {
      warmup = spec.data().warmupSize();
      if (warmup >= pool) {
        throw new BadInputException(
            "data.warmupSize: "
                + warmup
                + " leaves nothing of the "
                + pool
                + "-sample seed pool for the loop");
      }
      warmupKey = splitWarmup(layout, pool - warmup);
      pool -= warmup;
    }
    if (pool < 1 || test < 1) {
      throw new BadInputException(
          "the seed pool ("
              + pool
              + " samples) and the held-out test ("
              + test
              + ") must not be empty");
    }
    long initial =
        spec.data().initialSize() != null
            ? Math.min(spec.data().initialSize(), pool)
            : Math.max(1, pool / 2);
    String first = layout.iteration(1).train();
    List<Sample> d1 = RunFiles.readRange(store, layout.seedPool(), 0, initial);
    RunFiles.writeSamples(store, first, d1);
    Double purity =
        truthKey == null
            ? null
            : backends.truth(new RunContext(store, runId, truthKey, 1)).purity(d1);
    return new SeedResult(
        new Dataset(layout.seedPool(), pool, null),
        new Dataset(layout.seedTest(), test, null),
        new Dataset(first, d1.size(), purity),
        warmupKey == null ? null : new Dataset(warmupKey, warmup, null),
        layout.worldTools(),
        truthKey,
        rejected,
        d1.size());
  }

  /**
   * Writes the run's manifest: its id, the looptool version and the resolved spec, with what {@code
   * extra} adds (an experiment arm's names). The simulated roles read the world from it.
   */
  static void writeManifest(
      ArtifactStore store, RunLayout layout, RunSpec spec, UnaryOperator<ObjectNode> extra)
      throws IOException {
    String version =
        Optional.ofNullable(SeedStage.class.getPackage().getImplementationVersion()).orElse("dev");
    ObjectNode m = Json.object();
    m.put("run_id", layout.runId());
    m.put("looptool_version", version);
    m.set("spec", Json.MAPPER.readTree(SpecJson.write(spec)));
    RunFiles.writeJson(store, layout.manifest(), extra.apply(m));
  }

  /**
   * Moves the pool's tail (from position {@code keep}) into {@code seed/warmup.jsonl}. The pool was
   * just rewritten from its source, so a retry splits the same way.
   */
  private String splitWarmup(RunLayout layout, long keep) throws IOException {
    String warmupKey = layout.seedWarmup();
    List<Sample> all = RunFiles.readAll(store, layout.seedPool());
    RunFiles.writeSamples(store, warmupKey, all.subList((int) keep, all.size()));
    RunFiles.writeSamples(store, layout.seedPool(), all.subList(0, (int) keep));
    return warmupKey;
  }

  /**
   * Converts one of the user's files into the run's samples, streaming, in its dataset format
   * (named, or detected from the first record). Malformed files fail the run (the message names
   * file and line); records that cannot be converted or validated go to {@code rejectsKey} with
   * file, line, field and reason; returns how many.
   */
  private long importUserFile(Path file, String formatName, String key, String rejectsKey)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          file
              + ": no such file (data.seedFile/data.testFile must be readable by the CPU workers)");
    }
    DatasetFormat format;
    try {
      format = formatName == null ? null : DatasetFormats.byName(formatName);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("data.format: " + e.getMessage());
    }
    String prefix = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    DatasetImport.Summary[] summary = new DatasetImport.Summary[1];
    store.write(
        rejectsKey,
        rejects ->
            store.write(
                key,
                samples ->
                    summary[0] =
                        DatasetImport.run(file, format, prefix, samples, rejects, e -> {})));
    LOG.info(summary[0].line());
    return summary[0].rejected();
  }
}
