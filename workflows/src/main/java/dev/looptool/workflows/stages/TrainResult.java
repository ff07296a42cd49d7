package dev.looptool.workflows.stages;

/** A finished training phase: the checkpoint written, steps taken, last loss and mean reward. */
public record TrainResult(String checkpoint, long steps, double finalLoss, double meanReward) {}
