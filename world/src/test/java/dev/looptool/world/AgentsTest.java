package dev.looptool.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.agent.User;
import dev.looptool.core.agent.UserTurn;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.world.sim.SimulatedUser;
import dev.looptool.world.synth.Catalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agents are pluggable: another implementation of a role (as an LLM-backed one will be) takes
 * its place.
 */
class AgentsTest {

  @Test
  void anotherUserAgentVoicesTheDialoguesAndItsFailuresBecomeRejects() throws IOException {
    WorldConfig config = WorldConfig.defaults(17).withCounts(200, 0).withSlipRate(0);
    Catalog catalog = Catalog.synthesize(config.seed(), config.tools(), false);
    SimulatedUser simulated = new SimulatedUser(catalog);
    int[] calls = {0};
    User shouting =
        turn -> {
          if (++calls[0] % 10 == 0) {
            throw new IllegalStateException("the model answered nothing usable");
          }
          String text = simulated.say(turn);
          return turn.kind() == UserTurn.Kind.REQUEST ? "PLEASE! " + text : text;
        };
    List<WorldSample> samples = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    new WorldGenerator(config, catalog, null, shouting, null, null)
        .generate(WorldSink.collecting(samples, rejects));
    assertEquals(200, samples.size());
    for (WorldSample w : samples) {
      Message first = w.sample().messages().get(0);
      assertEquals(Role.USER, first.role());
      assertTrue(first.content().startsWith("PLEASE! "), first.content());
    }
    assertTrue(rejects.size() > 5);
    for (Reject r : rejects) {
      assertTrue(
          r.reason().startsWith("agent_error: ") && r.reason().contains("nothing usable"),
          r.reason());
    }
  }
}
