package dev.looptool.workflows.loop;

/** How many shards of the current stage are done, of how many (0 of 0: not a sharded stage). */
public record ShardProgress(int done, int total) {}
