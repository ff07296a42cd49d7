package dev.looptool.activities.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.Consensus;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.RuleTier;
import dev.looptool.core.judge.Vote;
import dev.looptool.core.llm.JudgePrompt;
import dev.looptool.core.llm.Prompt;
import dev.looptool.core.llm.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The JGLV judge on OpenAI-compatible endpoints: the rule tier first (identical calls never cost a
 * call), then every voter in every order asked, all at once, and the votes aggregated by {@link
 * Consensus}. An unparseable answer is an UNPARSEABLE vote; only an endpoint that stays unreachable
 * after its retries makes the judgement fail.
 */
public final class LlmJudge implements Judge {

  /** One voter: its id (recorded in votes), the client of its endpoint and its sampling. */
  public record Voter(String id, OpenAiClient client, SamplingParams sampling) {}

  private final List<Voter> voters;
  private final Consensus.Policy policy;

  public LlmJudge(List<Voter> voters, int quorum, boolean bothOrders) {
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("a judge needs at least one voter");
    }
    this.voters = List.copyOf(voters);
    this.policy = new Consensus.Policy(voters.size(), quorum, bothOrders);
  }

  public Consensus.Policy policy() {
    return policy;
  }

  @Override
  public Judgement judge(JudgeRequest request) throws Exception {
    try {
      return judgeAsync(request).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  /** Judges without blocking; the future fails only when an endpoint stays unreachable. */
  public CompletableFuture<Judgement> judgeAsync(JudgeRequest request) {
    RuleTier.Outcome rule = RuleTier.apply(request.sample(), request.prediction());
    if (rule == RuleTier.Outcome.IDENTICAL) {
      return CompletableFuture.completedFuture(RuleTier.identical(request.sample().id()));
    }
    List<CompletableFuture<Vote>> votes = new ArrayList<>();
    for (Voter v : voters) {
      for (String order : policy.orders()) {
        votes.add(ask(v, JudgePrompt.build(request, rule, order), order));
      }
    }
    return Futures.map(
        Futures.all(votes), cast -> Consensus.aggregate(request.sample().id(), cast, policy));
  }

  /**
   * How many judgements must be under way at once to keep every endpoint of the voters at its
   * concurrency: the clients' capacity over the requests one judgement makes (voters × orders).
   */
  public int parallelism() {
    int capacity = 0;
    java.util.Set<OpenAiClient> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Voter v : voters) {
      if (seen.add(v.client())) {
        capacity += v.client().capacity();
      }
    }
    int perJudgement = voters.size() * policy.orders().size();
    return Math.max(1, (capacity + perJudgement - 1) / perJudgement);
  }

  private static CompletableFuture<Vote> ask(Voter v, Prompt prompt, String order) {
    return Futures.map(
        v.client().chat(ChatRequest.of(prompt, v.sampling())),
        res -> {
          JudgePrompt.Answer a = JudgePrompt.parse(res.content(), order);
          return new Vote(
              v.id(),
              order,
              prompt.sha256(),
              samplingRecord(v.client(), v.sampling()),
              res.content(),
              a.verdict(),
              a.analysis());
        });
  }

  /** What a vote records of how it was sampled: the model and the effective sampling parameters. */
  static ObjectNode samplingRecord(OpenAiClient client, SamplingParams override) {
    ObjectNode o = Json.object();
    o.put("model", client.config().model());
    o.setAll(client.config().sampling().toJson());
    if (override != null) {
      o.setAll(override.toJson());
    }
    return o;
  }
}
