package dev.looptool.world;

import dev.looptool.core.agent.Shape;
import dev.looptool.core.model.Sample;

/**
 * A dialogue that failed rule verification, or whose agents failed: which dialogue, its shape (null
 * when no plan was made), the first failing sample (null when none was made), the field at fault
 * and why. Written to rejects.jsonl, never silently dropped.
 */
public record Reject(
    String dialogueId, Split split, Shape shape, String field, String reason, Sample sample) {}
