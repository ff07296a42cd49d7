package dev.looptool.workflows.loop;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/** The custom search attributes a run upserts so the Web UI shows where every run is. */
public final class LoopSearchAttributes {
  public static final SearchAttributeKey<Long> ITERATION =
      SearchAttributeKey.forLong("LoopIteration");
  public static final SearchAttributeKey<String> STAGE = SearchAttributeKey.forKeyword("LoopStage");
  public static final SearchAttributeKey<Double> ACCURACY =
      SearchAttributeKey.forDouble("LoopAccuracy");

  /** Names and types, for registering them on a server (embedded mode, deployment setup job). */
  public static final Map<String, IndexedValueType> ALL =
      Map.of(
          "LoopIteration", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "LoopStage", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "LoopAccuracy", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE);

  private LoopSearchAttributes() {}
}
