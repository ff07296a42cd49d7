package dev.looptool.workflows.loop;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that run the real workflows against {@link RecordingActivities} in a fresh test
 * environment per test, with the workers {@link LoopToolHistories#start} registers.
 */
abstract class RecordedLoopTest {
  protected TestWorkflowEnvironment env;
  protected RecordingActivities acts;
  protected WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    acts = new RecordingActivities();
    LoopToolHistories.start(env, acts);
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }
}
