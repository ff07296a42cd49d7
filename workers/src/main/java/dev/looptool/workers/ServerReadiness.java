package dev.looptool.workers;

import dev.looptool.workflows.loop.LoopSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a Temporal server is ready for looptool: the namespace exists and the search attributes
 * the workflow upserts ({@link LoopSearchAttributes}) are registered with their types. A run on a
 * server without them fails at its first workflow task, so workers and {@code start} check first
 * and say what to run. Temporal's test server ({@code looptool server}) has no search-attribute
 * listing; it registers them itself, so an unanswered listing counts as ready.
 */
public final class ServerReadiness {
  private ServerReadiness() {}

  /** What is missing, each with the command that fixes it; empty when the server is ready. */
  public static List<String> problems(
      WorkflowServiceStubs stubs, String namespace, boolean searchAttributes) {
    List<String> out = new ArrayList<>();
    try {
      stubs
          .blockingStub()
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      out.add(
          "namespace '"
              + namespace
              + "' does not exist; create it with: temporal operator namespace create --namespace "
              + namespace);
      return out;
    }
    if (!searchAttributes) {
      return out;
    }
    Map<String, IndexedValueType> registered;
    OperatorServiceStubs ops =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      ListSearchAttributesResponse r =
          ops.blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
      registered = r.getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return out;
      }
      throw e;
    } finally {
      ops.shutdown();
    }
    Map<String, IndexedValueType> missing = new TreeMap<>();
    for (Map.Entry<String, IndexedValueType> a :
        new TreeMap<>(LoopSearchAttributes.ALL).entrySet()) {
      IndexedValueType has = registered.get(a.getKey());
      if (has == null) {
        missing.put(a.getKey(), a.getValue());
      } else if (has != a.getValue()) {
        out.add(
            "search attribute "
                + a.getKey()
                + " is registered as "
                + cliType(has)
                + " but looptool writes "
                + cliType(a.getValue())
                + "; remove it (temporal operator search-attribute remove --namespace "
                + namespace
                + " --name "
                + a.getKey()
                + ") and register it again");
      }
    }
    if (!missing.isEmpty()) {
      StringBuilder cmd =
          new StringBuilder("temporal operator search-attribute create --namespace " + namespace);
      missing.forEach(
          (name, type) ->
              cmd.append(" --name ").append(name).append(" --type ").append(cliType(type)));
      out.add(
          "search attribute"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing.keySet())
              + " not registered in namespace '"
              + namespace
              + "'; register with: "
              + cmd);
    }
    return out;
  }

  /** The type name the Temporal CLI takes ({@code Int}, {@code Keyword}, {@code Double}, …). */
  static String cliType(IndexedValueType t) {
    String s = t.name().substring("INDEXED_VALUE_TYPE_".length()).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "keyword_list" -> "KeywordList";
      case "datetime" -> "Datetime";
      default -> Character.toUpperCase(s.charAt(0)) + s.substring(1);
    };
  }
}
