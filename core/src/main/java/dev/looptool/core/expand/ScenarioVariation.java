package dev.looptool.core.expand;

/**
 * The four scenario variations of error-driven expansion (EDDE); each generation attempt is given
 * one, drawn uniformly by default.
 */
public enum ScenarioVariation {
  /** Simple ↔ multi-step, more parameters, edge cases. */
  COMPLEXITY,
  /** Novice or expert, business or technical user. */
  USER_PERSONA,
  /** Phrasing, flow, single ↔ multi-turn. */
  INTERACTION_STYLE,
  /** Types, ranges, formats, currencies, naming. */
  DATA_VARIATION
}
