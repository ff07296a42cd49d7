package dev.looptool.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.agent.PlanRequest;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.agent.UserTurn;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentPromptsTest {
  static final ToolSpec BOOK =
      new ToolSpec(
          "book_table",
          "Book a table",
          JsonSchema.builder("object")
              .property("restaurant_id", JsonSchema.builder("string").build(), true)
              .property("people", JsonSchema.builder("integer").build(), true)
              .build());
  static final ToolSpec FIND =
      new ToolSpec(
          "find_restaurant",
          "Find a restaurant",
          JsonSchema.builder("object")
              .property("city", JsonSchema.builder("string").build(), true)
              .build());
  static final Map<String, ToolSpec> CATALOG = Map.of("book_table", BOOK, "find_restaurant", FIND);

  static PlanRequest request(Shape shape) {
    return new PlanRequest(List.of(BOOK, FIND), shape, List.of(), List.of(), null, false, 1);
  }

  @Test
  void clarifyAndMultiStepPlans() throws Exception {
    String clarify =
        "{\"shape\":\"clarify\",\"offered_tools\":[\"book_table\"],\"turns\":[{\"calls\":[],\"ask_for\":\"people\"},"
            + "{\"calls\":[{\"name\":\"book_table\",\"arguments\":{\"restaurant_id\":\"r1\",\"people\":4}}]}]}";
    DialoguePlan p = AgentPrompts.parsePlan(clarify, request(Shape.CLARIFY), CATALOG);
    assertEquals("people", p.turns().get(0).askFor());
    String user =
        AgentPrompts.user(new UserTurn(UserTurn.Kind.SUPPLY_VALUE, p, 0, List.of(), 1)).user();
    assertTrue(user.contains("asked you for 'people'") && user.contains(": 4"), user);
    assertTrue(
        AgentPrompts.user(new UserTurn(UserTurn.Kind.REQUEST, p, 0, List.of(), 1))
            .user()
            .contains("EXCEPT 'people'"));

    String multi =
        "{\"shape\":\"multi_step\",\"turns\":[{\"calls\":[{\"name\":\"find_restaurant\",\"arguments\":{\"city\":\"Rome\"}}]},"
            + "{\"calls\":[{\"name\":\"book_table\",\"arguments\":{\"people\":2}}],\"dependent_parameter\":\"restaurant_id\",\"source_pointer\":\"/id\"}]}";
    DialoguePlan m = AgentPrompts.parsePlan(multi, request(null), CATALOG);
    assertEquals(
        List.of("find_restaurant", "book_table"),
        m.offeredTools(),
        "tools the plan calls are offered");
    assertEquals("/id", m.turns().get(1).sourcePointer());
  }

  @Test
  void plansThatDoNotFitAreRejectedWithTheField() {
    String noAsk =
        "{\"shape\":\"clarify\",\"turns\":[{\"calls\":[{\"name\":\"book_table\",\"arguments\":{\"restaurant_id\":\"r1\",\"people\":4}}]}]}";
    assertEquals(
        "turns",
        assertThrows(
                FormatException.class,
                () -> AgentPrompts.parsePlan(noAsk, request(Shape.CLARIFY), CATALOG))
            .field());
    String wrongType =
        "{\"shape\":\"single\",\"turns\":[{\"calls\":[{\"name\":\"book_table\",\"arguments\":{\"restaurant_id\":\"r1\",\"people\":\"four\"}}]}]}";
    FormatException e =
        assertThrows(
            FormatException.class,
            () -> AgentPrompts.parsePlan(wrongType, request(Shape.SINGLE), CATALOG));
    assertEquals("turns[0].calls[0].arguments.people", e.field());
    String unknown =
        "{\"shape\":\"single\",\"turns\":[{\"calls\":[{\"name\":\"fly\",\"arguments\":{}}]}]}";
    assertTrue(
        assertThrows(
                FormatException.class,
                () -> AgentPrompts.parsePlan(unknown, request(null), CATALOG))
            .getMessage()
            .contains("'fly'"));
    assertEquals(
        "$",
        assertThrows(
                FormatException.class,
                () -> AgentPrompts.parsePlan("no idea", request(null), CATALOG))
            .field());
  }

  @Test
  void userAndToolAnswers() throws Exception {
    assertEquals(
        "Book it for four", AgentPrompts.parseUser("<think>ok</think>User: 'Book it for four'"));
    assertThrows(FormatException.class, () -> AgentPrompts.parseUser("  "));
    ToolSpec withResult =
        new ToolSpec(
            "find_restaurant",
            "",
            FIND.parameters(),
            JsonSchema.builder("object")
                .property("id", JsonSchema.builder("string").build(), true)
                .build());
    assertEquals(
        "r9",
        AgentPrompts.parseToolResult("```json\n{\"id\": \"r9\"}\n```", withResult)
            .get("id")
            .asText());
    assertThrows(
        FormatException.class, () -> AgentPrompts.parseToolResult("{\"id\": 9}", withResult));
    assertEquals(3, AgentPrompts.parseToolResult("[1,2,3]", FIND).size());
  }
}
