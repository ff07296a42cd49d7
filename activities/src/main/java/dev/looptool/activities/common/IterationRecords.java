package dev.looptool.activities.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.common.StageRecords.Judged;
import dev.looptool.activities.common.StageRecords.Probed;
import dev.looptool.core.correct.Correction;
import dev.looptool.core.merge.NextDataset;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an iteration's probe and judge shards into the inputs of core's rules, so every stage that
 * applies a rule to them (correct, expand, merge) reads them the same way.
 */
public final class IterationRecords {
  private IterationRecords() {}

  /**
   * The mismatches of shard {@code shard}: with JGLV, every judged mismatch of its judge shard;
   * without, every mismatch of its probe shard, unjudged.
   */
  public static List<Correction.Mismatch> mismatches(
      ArtifactStore store, RunLayout.Iteration it, int shard, boolean noJglv) throws IOException {
    List<Correction.Mismatch> out = new ArrayList<>();
    if (noJglv) {
      for (Probed p : probed(store, it, shard)) {
        if (!p.probe().mastered()) {
          out.add(new Correction.Mismatch(p.sample(), p.probe().prediction(), null));
        }
      }
      return out;
    }
    for (Judged j : judged(store, it, shard)) {
      out.add(new Correction.Mismatch(j.sample(), j.probe().prediction(), j.judgement()));
    }
    return out;
  }

  /** Shard {@code shard} as the merge sees it; without JGLV no judge shard exists to read. */
  public static NextDataset.ProbeShard probeShard(
      ArtifactStore store, RunLayout.Iteration it, int shard, boolean noJglv) throws IOException {
    List<NextDataset.Probe> probes = new ArrayList<>();
    for (Probed p : probed(store, it, shard)) {
      probes.add(new NextDataset.Probe(p.sample(), p.probe().ppl(), p.probe().mastered()));
    }
    List<NextDataset.Judged> judged = new ArrayList<>();
    if (!noJglv) {
      for (Judged j : judged(store, it, shard)) {
        judged.add(new NextDataset.Judged(j.sample(), j.probe().ppl(), j.judgement()));
      }
    }
    return new NextDataset.ProbeShard(probes, judged);
  }

  private static List<Probed> probed(ArtifactStore store, RunLayout.Iteration it, int shard)
      throws IOException {
    return read(store, it.probeShard(shard), StageRecords::readProbed);
  }

  private static List<Judged> judged(ArtifactStore store, RunLayout.Iteration it, int shard)
      throws IOException {
    return read(store, it.judgeShard(shard), StageRecords::readJudged);
  }

  private static <T> List<T> read(ArtifactStore store, String key, StageRecords.Reader<T> reader)
      throws IOException {
    List<T> out = new ArrayList<>();
    for (ObjectNode o : ResumableShard.read(store, key)) {
      out.add(reader.read(o, key));
    }
    return out;
  }
}
