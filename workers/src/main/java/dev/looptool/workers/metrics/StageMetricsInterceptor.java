package dev.looptool.workers.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.Locale;

/**
 * Counts stage activities as they start and complete ({@code looptool_stage_started_total}, {@code
 * looptool_stage_completed_total}), tagged only by stage (the activity type), so the dashboard
 * shows runs by stage without high-cardinality tags.
 */
public final class StageMetricsInterceptor extends WorkerInterceptorBase {
  private final MeterRegistry registry;

  public StageMetricsInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String stage = "unknown";

      @Override
      public void init(ActivityExecutionContext context) {
        stage = context.getInfo().getActivityType().toLowerCase(Locale.ROOT);
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        registry.counter("looptool.stage.started", "stage", stage).increment();
        ActivityOutput out = super.execute(input);
        registry.counter("looptool.stage.completed", "stage", stage).increment();
        return out;
      }
    };
  }
}
