package dev.looptool.core.world;

import dev.looptool.core.model.Sample;

/**
 * A dialogue that failed rule verification: which dialogue, its shape, the first failing sample,
 * the field at fault and why. Written to rejects.jsonl, never silently dropped.
 */
public record Reject(String dialogueId, Split split, Shape shape, String field, String reason, Sample sample) {}
