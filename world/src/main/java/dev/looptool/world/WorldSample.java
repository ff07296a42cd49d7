package dev.looptool.world;

import dev.looptool.core.model.Sample;

/** A generated sample with its truth, which travels separately (truth file) from the sample. */
public record WorldSample(Sample sample, TruthRecord truth) {}
