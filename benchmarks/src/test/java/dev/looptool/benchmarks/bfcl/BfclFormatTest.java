package dev.looptool.benchmarks.bfcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.interop.DatasetFormat;
import dev.looptool.core.interop.DatasetFormats;
import dev.looptool.core.interop.DatasetImport;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.match.ToolMatch;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BFCL-v3 question files with their possible answers imported as held-out samples. */
class BfclFormatTest {
  @TempDir Path dir;

  // Entries as the published files write them (Python json.dumps, one per line).
  static final String SIMPLE_0 =
      """
      {"id": "simple_0", "question": [[{"role": "user", "content": "Find the area of a triangle with a base of 10 units and height of 5 units."}]], "function": [{"name": "calculate_triangle_area", "description": "Calculate the area of a triangle given its base and height.", "parameters": {"type": "dict", "properties": {"base": {"type": "integer", "description": "The base of the triangle."}, "height": {"type": "integer", "description": "The height of the triangle."}, "unit": {"type": "string", "description": "The unit of measure (defaults to 'units' if not specified)"}}, "required": ["base", "height"]}}]}""";
  static final String SIMPLE_0_ANSWER =
      """
      {"id": "simple_0", "ground_truth": [{"calculate_triangle_area": {"base": [10], "height": [5], "unit": ["units", ""]}}]}""";

  static final String PARALLEL_0 =
      """
      {"id": "parallel_0", "question": [[{"role": "user", "content": "Play songs from the artists Taylor Swift and Maroon 5, with a play time of 20 minutes and 15 minutes respectively, on Spotify."}]], "function": [{"name": "spotify.play", "description": "Play specific tracks from a given artist for a specific time duration.", "parameters": {"type": "dict", "properties": {"artist": {"type": "string", "description": "The artist whose songs you want to play."}, "duration": {"type": "integer", "description": "The duration for which the songs should be played, in minutes."}}, "required": ["artist", "duration"]}}]}""";
  static final String PARALLEL_0_ANSWER =
      """
      {"id": "parallel_0", "ground_truth": [{"spotify.play": {"artist": ["Taylor Swift"], "duration": [20]}}, {"spotify.play": {"artist": ["Maroon 5"], "duration": [15]}}]}""";

  static final String MULTIPLE_0 =
      """
      {"id": "multiple_0", "question": [[{"role": "user", "content": "Can I find the dimensions and properties of a triangle, if I know its three sides are 5 units, 4 units and 3 units long?"}]], "function": [{"name": "triangle_properties.get", "description": "Retrieve the dimensions, such as area and perimeter, of a triangle if lengths of three sides are given.", "parameters": {"type": "dict", "properties": {"side1": {"type": "integer", "description": "The length of first side of the triangle."}, "side2": {"type": "integer", "description": "The length of second side of the triangle."}, "side3": {"type": "integer", "description": "The length of third side of the triangle."}, "get_area": {"type": "boolean", "description": "A flag to determine whether to calculate the area of triangle. Default is true.", "default": true, "optional": true}, "get_perimeter": {"type": "boolean", "description": "A flag to determine whether to calculate the perimeter of triangle. Default is true.", "default": true, "optional": true}, "get_angles": {"type": "boolean", "description": "A flag to determine whether to calculate the internal angles of triangle. Default is true.", "default": true, "optional": true}}, "required": ["side1", "side2", "side3"]}}, {"name": "circle_properties.get", "description": "Retrieve the dimensions, such as area and circumference, of a circle if radius is given.", "parameters": {"type": "dict", "properties": {"radius": {"type": "float", "description": "The length of radius of the circle."}, "get_area": {"type": "boolean", "description": "A flag to determine whether to calculate the area of circle. Default is true.", "default": true, "optional": true}, "get_circumference": {"type": "boolean", "description": "A flag to determine whether to calculate the circumference of circle. Default is true.", "default": true, "optional": true}}, "required": ["radius"]}}]}""";
  static final String MULTIPLE_0_ANSWER =
      """
      {"id": "multiple_0", "ground_truth": [{"triangle_properties.get": {"side1": [5], "side2": [4], "side3": [3], "get_area": ["", true], "get_perimeter": ["", true], "get_angles": ["", true]}}]}""";

  static final String PARALLEL_MULTIPLE_0 =
      """
      {"id": "parallel_multiple_0", "question": [[{"role": "user", "content": "Find the sum of all the multiples of 3 and 5 between 1 and 1000. Also find the product of the first five prime numbers."}]], "function": [{"name": "math_toolkit.sum_of_multiples", "description": "Find the sum of all multiples of specified numbers within a specified range.", "parameters": {"type": "dict", "properties": {"lower_limit": {"type": "integer", "description": "The start of the range (inclusive)."}, "upper_limit": {"type": "integer", "description": "The end of the range (inclusive)."}, "multiples": {"type": "array", "items": {"type": "integer"}, "description": "The numbers to find multiples of."}}, "required": ["lower_limit", "upper_limit", "multiples"]}}, {"name": "math_toolkit.product_of_primes", "description": "Find the product of the first n prime numbers.", "parameters": {"type": "dict", "properties": {"count": {"type": "integer", "description": "The number of prime numbers to multiply together."}}, "required": ["count"]}}]}""";
  static final String PARALLEL_MULTIPLE_0_ANSWER =
      """
      {"id": "parallel_multiple_0", "ground_truth": [{"math_toolkit.sum_of_multiples": {"lower_limit": [1], "upper_limit": [1000], "multiples": [[3, 5]]}}, {"math_toolkit.product_of_primes": {"count": [5]}}]}""";

  static final String SIMPLE_17 =
      """
      {"id": "simple_17", "question": [[{"role": "user", "content": "Find the prime factors of 450"}]], "function": [{"name": "get_prime_factors", "description": "Function to retrieve prime factors of a number.", "parameters": {"type": "dict", "properties": {"number": {"type": "integer", "description": "Number for which prime factors need to be calculated"}, "formatted": {"type": "boolean", "description": "Return formatted string if true, array if false. Default is true."}}, "required": ["number", "formatted"]}}]}""";
  static final String SIMPLE_17_ANSWER =
      """
      {"id": "simple_17", "ground_truth": [{"get_prime_factors": {"number": [450], "formatted": [true, ""]}}]}""";

  static final String SIMPLE_89 =
      """
      {"id": "simple_89", "question": [[{"role": "user", "content": "Fetch all records for students studying Science in 'Bluebird High School' from the StudentDB."}]], "function": [{"name": "db_fetch_records", "description": "Fetch records from a specified database table based on certain conditions.", "parameters": {"type": "dict", "properties": {"database_name": {"type": "string", "description": "The name of the database."}, "table_name": {"type": "string", "description": "The name of the table from which records need to be fetched."}, "conditions": {"type": "dict", "properties": {"department": {"type": "string", "description": "The name of the department of students."}, "school": {"type": "string", "description": "The name of the school students are enrolled in."}}, "description": "The conditions based on which records are to be fetched."}, "fetch_limit": {"type": "integer", "description": "Limits the number of records to be fetched. Default is 0, which means no limit."}}, "required": ["database_name", "table_name", "conditions"]}}]}""";
  static final String SIMPLE_89_ANSWER =
      """
      {"id": "simple_89", "ground_truth": [{"db_fetch_records": {"database_name": ["StudentDB"], "table_name": ["students"], "conditions": [{"department": ["Science"], "school": ["Bluebird High School", "Bluebird HS"]}], "fetch_limit": ["", 0]}}]}""";

  static final String SIMPLE_96 =
      """
      {"id": "simple_96", "question": [[{"role": "user", "content": "Find records in database in user table where age is greater than 25 and job is 'engineer'."}]], "function": [{"name": "database.query", "description": "Query the database based on certain conditions.", "parameters": {"type": "dict", "properties": {"table": {"type": "string", "description": "Name of the table to query."}, "conditions": {"type": "array", "items": {"type": "dict", "properties": {"field": {"type": "string", "description": "The field to apply the condition."}, "operation": {"type": "string", "description": "The operation to be performed.", "enum": ["<", ">", "=", ">=", "<="]}, "value": {"type": "string", "description": "The value to be compared."}}, "required": ["field", "operation", "value"]}, "description": "Conditions for the query."}}, "required": ["table", "conditions"]}}]}""";
  static final String SIMPLE_96_ANSWER =
      """
      {"id": "simple_96", "ground_truth": [{"database.query": {"table": ["user"], "conditions": [[{"field": ["age"], "operation": [">"], "value": ["25"]}, {"field": ["job"], "operation": ["="], "value": ["engineer"]}]]}}]}""";

  static final String LIVE_SIMPLE_114 =
      """
      {"id": "live_simple_114-70-0", "question": [[{"role": "user", "content": "I need to update my profile with my new email, john.doe@example.com, and my new age, 30. My user ID is 12345."}]], "function": [{"name": "update_user_profile", "description": "Updates the specified user's profile information in the database.", "parameters": {"type": "dict", "required": ["user_id", "profile_data"], "properties": {"user_id": {"type": "integer", "description": "The unique identifier for the user whose profile is being updated."}, "profile_data": {"type": "dict", "description": "A dictionary containing the profile fields that need to be updated.", "properties": {"name": {"type": "string", "description": "The full name of the user."}, "email": {"type": "string", "description": "The user's email address."}, "age": {"type": "integer", "description": "The user's age in years."}, "bio": {"type": "string", "description": "A brief biography of the user.", "default": ""}}}, "notify": {"type": "boolean", "description": "Whether to send a notification to the user about the profile update.", "default": true}}}}]}""";
  static final String LIVE_SIMPLE_114_ANSWER =
      """
      {"id": "live_simple_114-70-0", "ground_truth": [{"update_user_profile": {"user_id": [12345], "profile_data": [{"email": ["john.doe@example.com"], "age": [30], "bio": [""]}], "notify": ["", true]}}]}""";

  static final String IRRELEVANCE_0 =
      """
      {"id": "irrelevance_0", "question": [[{"role": "user", "content": "Calculate the area of a triangle given the base is 10 meters and height is 5 meters."}]], "function": [{"name": "determine_body_mass_index", "description": "Calculate body mass index given weight and height.", "parameters": {"type": "dict", "properties": {"weight": {"type": "float", "description": "Weight of the individual in kilograms."}, "height": {"type": "float", "description": "Height of the individual in meters."}}, "required": ["weight", "height"]}}]}""";

  static final String LIVE_IRRELEVANCE_WITH_SYSTEM =
      """
      {"id": "live_irrelevance_7-0-7", "question": [[{"role": "system", "content": "You are a helpful travel assistant."}, {"role": "user", "content": "Hi there"}, {"role": "assistant", "content": "Hello! How can I help?"}, {"role": "user", "content": "Tell me a joke."}]], "function": [{"name": "requests.get", "description": "Sends a GET request to the specified URL.", "parameters": {"type": "dict", "required": ["url"], "properties": {"url": {"type": "string", "description": "The URL to send the request to."}}}}]}""";

  // ---- golden imports

  @Test
  void simpleEntryBecomesOneSampleWithTheFirstAcceptableValues() throws Exception {
    Run r = run("BFCL_v3_simple.json", SIMPLE_0, SIMPLE_0_ANSWER, null);
    assertEquals("bfcl", r.summary.format(), "detected from the first record");
    assertEquals(List.of(), r.errors);
    assertEquals(
        Json.MAPPER.readTree(
            """
            {"id": "t-000001",
             "tools": [{"type": "function", "function": {
               "name": "calculate_triangle_area",
               "description": "Calculate the area of a triangle given its base and height.",
               "parameters": {"type": "object", "properties": {
                 "base": {"type": "integer", "description": "The base of the triangle."},
                 "height": {"type": "integer", "description": "The height of the triangle."},
                 "unit": {"type": "string",
                          "description": "The unit of measure (defaults to 'units' if not specified)"}},
                 "required": ["base", "height"]}}}],
             "messages": [{"role": "user",
               "content": "Find the area of a triangle with a base of 10 units and height of 5 units."}],
             "label": {"calls": [{"name": "calculate_triangle_area",
                                  "arguments": {"base": 10, "height": 5}}]},
             "provenance": {"origin": "imported", "iteration": 0},
             "meta": {"source": "bfcl", "sourceId": "simple_0", "bfcl": {"category": "simple",
               "possibleAnswer": [{"calculate_triangle_area":
                 {"base": [10], "height": [5], "unit": ["units", ""]}}]}}}
            """),
        r.samples.get(0));
  }

  @Test
  void parallelCallsKeepTheirOrderAndDottedNamesBecomeUnderscored() throws Exception {
    Run r = importedWithoutErrors("BFCL_v3_parallel.json", PARALLEL_0, PARALLEL_0_ANSWER);
    JsonNode s = r.samples.get(0);
    assertEquals("spotify_play", s.at("/tools/0/function/name").textValue());
    assertEquals(
        Json.MAPPER.readTree(
            """
            {"calls": [{"name": "spotify_play", "arguments": {"artist": "Taylor Swift", "duration": 20}},
                       {"name": "spotify_play", "arguments": {"artist": "Maroon 5", "duration": 15}}]}
            """),
        s.get("label"));
    assertEquals(
        "spotify.play",
        s.at("/meta/bfcl/possibleAnswer/0").fieldNames().next(),
        "the possible answer is kept as BFCL wrote it");
    assertEquals("parallel", s.at("/meta/bfcl/category").textValue());
  }

  @Test
  void multipleEntryCallsTheFunctionTheAnswerNamesAndOmitsOptionalArguments() throws Exception {
    Run r = importedWithoutErrors("BFCL_v3_multiple.json", MULTIPLE_0, MULTIPLE_0_ANSWER);
    JsonNode s = r.samples.get(0);
    assertEquals(2, s.get("tools").size());
    assertEquals(
        Json.MAPPER.readTree(
            """
            {"calls": [{"name": "triangle_properties_get",
                        "arguments": {"side1": 5, "side2": 4, "side3": 3}}]}
            """),
        s.get("label"));
  }

  @Test
  void parallelMultipleCallsDifferentFunctionsInTheAnswersOrder() throws Exception {
    Run r =
        importedWithoutErrors(
            "BFCL_v3_parallel_multiple.json", PARALLEL_MULTIPLE_0, PARALLEL_MULTIPLE_0_ANSWER);
    assertEquals(
        Json.MAPPER.readTree(
            """
            {"calls": [{"name": "math_toolkit_sum_of_multiples",
                        "arguments": {"lower_limit": 1, "upper_limit": 1000, "multiples": [3, 5]}},
                       {"name": "math_toolkit_product_of_primes", "arguments": {"count": 5}}]}
            """),
        r.samples.get(0).get("label"));
  }

  @Test
  void anOptionalMarkerOnARequiredArgumentKeepsItsFirstRealValue() throws Exception {
    // BFCL's checker fails a call that lacks a required parameter, so "" cannot mean "omit" there.
    String requiredBlankFirst =
        """
        {"id": "simple_200", "question": [[{"role": "user", "content": "How much CO2 does 1500 miles in a car at 25 mpg emit?"}]], "function": [{"name": "calculate_emissions", "description": "Calculates the annual carbon dioxide emissions produced by a vehicle.", "parameters": {"type": "dict", "properties": {"distance": {"type": "integer", "description": "The distance travelled in miles."}, "fuel_type": {"type": "string", "description": "Type of fuel used by the vehicle."}, "fuel_efficiency": {"type": "float", "description": "The vehicle's fuel efficiency in miles per gallon."}, "efficiency_reduction": {"type": "integer", "description": "The percentage decrease in fuel efficiency per year (optional). Default is 0"}}, "required": ["distance", "fuel_type", "fuel_efficiency"]}}]}""";
    String answer =
        """
        {"id": "simple_200", "ground_truth": [{"calculate_emissions": {"distance": [1500], "fuel_type": ["gas"], "fuel_efficiency": ["", 25.0], "efficiency_reduction": [0, ""]}}]}""";
    Run r =
        importedWithoutErrors(
            "BFCL_v3_simple.json",
            SIMPLE_17 + "\n" + requiredBlankFirst,
            SIMPLE_17_ANSWER + "\n" + answer);
    assertEquals(
        Json.MAPPER.readTree("{\"number\": 450, \"formatted\": true}"),
        r.samples.get(0).at("/label/calls/0/arguments"));
    assertEquals(
        Json.MAPPER.readTree(
            "{\"distance\": 1500, \"fuel_type\": \"gas\", \"fuel_efficiency\": 25.0}"),
        r.samples.get(1).at("/label/calls/0/arguments"));
  }

  @Test
  void dictArgumentsTakeEachKeysFirstValueAndOmitOptionalKeys() throws Exception {
    Run r =
        importedWithoutErrors(
            "BFCL_v3_simple.json",
            SIMPLE_89 + "\n" + SIMPLE_96 + "\n" + LIVE_SIMPLE_114,
            SIMPLE_89_ANSWER + "\n" + SIMPLE_96_ANSWER + "\n" + LIVE_SIMPLE_114_ANSWER);
    assertEquals(
        Json.MAPPER.readTree(
            """
            {"database_name": "StudentDB", "table_name": "students",
             "conditions": {"department": "Science", "school": "Bluebird High School"}}
            """),
        r.samples.get(0).at("/label/calls/0/arguments"));
    assertEquals(
        Json.MAPPER.readTree(
            """
            {"table": "user", "conditions": [{"field": "age", "operation": ">", "value": "25"},
                                             {"field": "job", "operation": "=", "value": "engineer"}]}
            """),
        r.samples.get(1).at("/label/calls/0/arguments"));
    assertEquals(
        Json.MAPPER.readTree(
            "{\"user_id\": 12345, \"profile_data\": {\"email\": \"john.doe@example.com\", \"age\": 30}}"),
        r.samples.get(2).at("/label/calls/0/arguments"));
    assertEquals("live_simple", r.samples.get(2).at("/meta/bfcl/category").textValue());
  }

  @Test
  void simpleEntriesCallTheFirstDocAsBfclsCheckerDoesWhateverTheAnswerNamesIt() throws Exception {
    String q =
        """
        {"id": "simple_363", "question": [[{"role": "user", "content": "Find the closest sushi restaurant with a patio in Boston."}]], "function": [{"name": "restaurant_search.find_closest", "description": "Locate the closest sushi restaurant based on certain criteria, such as the presence of a patio.", "parameters": {"type": "dict", "properties": {"location": {"type": "string", "description": "The city, for instance Boston, MA"}, "cuisine": {"type": "string", "description": "Type of food like Sushi."}, "amenities": {"type": "array", "items": {"type": "string", "enum": ["Patio", "Wi-Fi", "Happy Hour", "Wheelchair Accessible"]}, "description": "Preferred amenities in the restaurant. Default 'Wi-Fi'."}}, "required": ["location", "cuisine"]}}]}""";
    String a =
        """
        {"id": "simple_363", "ground_truth": [{"find_closest": {"location": ["Boston", "Boston, MA"], "cuisine": ["Sushi", "sushi"], "amenities": [["Patio"]]}}]}""";
    Run r = importedWithoutErrors("BFCL_v3_simple.json", q, a);
    assertEquals(
        Json.MAPPER.readTree(
            """
            {"calls": [{"name": "restaurant_search_find_closest",
                        "arguments": {"location": "Boston", "cuisine": "Sushi", "amenities": ["Patio"]}}]}
            """),
        r.samples.get(0).get("label"));
  }

  @Test
  void irrelevanceEntriesNeedNoAnswerFileAndExpectNoCall() throws Exception {
    Run r =
        importedWithoutErrors(
            "BFCL_v3_irrelevance.json", IRRELEVANCE_0 + "\n" + LIVE_IRRELEVANCE_WITH_SYSTEM, null);
    Sample s = SampleJson.read(r.samples.get(0));
    assertEquals(
        Json.MAPPER.readTree("{\"text\": \"\"}"),
        r.samples.get(0).get("label"),
        "no invented text");
    assertEquals(
        Json.MAPPER.readTree("{\"category\": \"irrelevance\"}"), r.samples.get(0).at("/meta/bfcl"));
    assertTrue(ToolMatch.matches(List.of(), s.label().calls()), "any answer without a call");
    assertFalse(
        ToolMatch.matches(
            List.of(new ToolCall("determine_body_mass_index", Json.object())), s.label().calls()));

    Sample live = SampleJson.read(r.samples.get(1));
    assertEquals(
        List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER),
        live.messages().stream().map(m -> m.role()).toList(),
        "the turn's messages in order, the system message first");
    assertEquals("live_irrelevance", r.samples.get(1).at("/meta/bfcl/category").textValue());
    assertEquals("requests_get", live.tools().get(0).name());
  }

  @Test
  void anIrrelevanceEntryMayOfferNoFunctionAtAll() throws Exception {
    String noTools =
        """
        {"id": "live_irrelevance_120-9-0", "question": [[{"role": "user", "content": "Could you tell me the current weather in Boston, MA and also in San Francisco?"}]], "function": []}""";
    Run r = importedWithoutErrors("BFCL_v3_live_irrelevance.json", noTools, null);
    assertEquals(0, r.samples.get(0).get("tools").size());
    assertEquals(Json.MAPPER.readTree("{\"text\": \"\"}"), r.samples.get(0).get("label"));
  }

  @Test
  void theIdNamesTheCategoryAndTheFileNameCoversIdsThatNameNone() throws Exception {
    String q = SIMPLE_0.replace("\"simple_0\"", "\"q1\"");
    String a = SIMPLE_0_ANSWER.replace("\"simple_0\"", "\"q1\"");
    Run named = importedWithoutErrors("BFCL_v3_simple.json", q, a);
    assertEquals("simple", named.samples.get(0).at("/meta/bfcl/category").textValue());

    // an irrelevance id in a file named after another category is still irrelevance
    Run mixed = importedWithoutErrors("BFCL_v3_simple.json", IRRELEVANCE_0, "");
    assertEquals("irrelevance", mixed.samples.get(0).at("/meta/bfcl/category").textValue());
  }

  // ---- rejects

  @Test
  void malformedEntriesAreRejectedWithFileLineFieldAndReason() throws Exception {
    String goodFunction =
        "[{\"name\": \"calculate_triangle_area\", \"description\": \"Area.\", \"parameters\":"
            + " {\"type\": \"dict\", \"properties\": {\"base\": {\"type\": \"integer\"}, \"height\":"
            + " {\"type\": \"integer\"}}, \"required\": [\"base\", \"height\"]}}]";
    String userTurn = "[[{\"role\": \"user\", \"content\": \"Area of a 10 by 5 triangle?\"}]]";
    String questions =
        String.join(
            "\n",
            SIMPLE_0,
            "{\"id\": \"simple_1\", \"function\": " + goodFunction + "}",
            "{\"id\": \"simple_2\", \"question\": "
                + userTurn.replace("]]", "], [{\"role\": \"user\", \"content\": \"More?\"}]]")
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_3\", \"question\": [[{\"role\": \"robot\", \"content\": \"Hi\"}]],"
                + " \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_4\", \"question\": "
                + userTurn
                + ", \"function\": [{\"description\": \"Area.\"}]}",
            "{\"id\": \"simple_5\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_6\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_7\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_8\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_9\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"multiple_10\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_11\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"question\": " + userTurn + ", \"function\": " + goodFunction + "}",
            "[\"simple_13\"]",
            "{\"id\": \"java_0\", \"question\": "
                + userTurn
                + ", \"function\": [{\"name\": \"Geometry.area\", \"description\": \"Area.\","
                + " \"parameters\": {\"type\": \"dict\", \"properties\": {\"base\": {\"type\":"
                + " \"integer\"}}, \"required\": [\"base\"]}}]}",
            "{\"id\": \"multi_turn_base_0\", \"question\": [[{\"role\": \"user\", \"content\":"
                + " \"ls\"}], [{\"role\": \"user\", \"content\": \"cd docs\"}]], \"initial_config\":"
                + " {}, \"path\": [\"GorillaFileSystem.ls\"], \"involved_classes\":"
                + " [\"GorillaFileSystem\"]}",
            "{\"id\": \"live_relevance_0-0-0\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_17\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}",
            "{\"id\": \"simple_18\", \"question\": " + userTurn + ", \"function\": []}",
            "{\"id\": \"simple_19\", \"question\": "
                + userTurn
                + ", \"function\": "
                + goodFunction
                + "}");
    String answers =
        String.join(
            "\n",
            SIMPLE_0_ANSWER,
            // simple_5 has none
            "{\"id\": \"simple_6\", \"ground_truth\": [{\"calculate_triangle_area\": {\"base\": [10],"
                + " \"height\": [5], \"color\": [\"red\"]}}]}",
            "{\"id\": \"simple_7\", \"ground_truth\": [{\"calculate_triangle_area\": {\"base\": [],"
                + " \"height\": [5]}}]}",
            "{\"id\": \"simple_8\", \"ground_truth\": [{\"calculate_triangle_area\": {\"base\":"
                + " [\"\"], \"height\": [5]}}]}",
            "{\"id\": \"simple_9\", \"ground_truth\": [{\"calculate_triangle_area\": {\"base\":"
                + " [\"ten\"], \"height\": [5]}}]}",
            "{\"id\": \"multiple_10\", \"ground_truth\": [{\"triangle_area\": {\"base\": [10],"
                + " \"height\": [5]}}]}",
            "{\"id\": \"simple_11\", \"ground_truth\": [{\"calculate_triangle_area\": {\"base\":"
                + " [10]}, \"extra\": {}}]}",
            "{\"id\": \"simple_17\", \"ground_truth\": [{\"calculate_triangle_area\": {\"base\":"
                + " 10, \"height\": [5]}}]}",
            "{\"id\": \"simple_19\", \"ground_truth\": []}");
    Run r = run("BFCL_v3_simple.json", questions, answers, new BfclFormat());
    String f = dir.resolve("BFCL_v3_simple.json").toString();
    String a = dir.resolve("possible_answer").resolve("BFCL_v3_simple.json").toString();
    assertEquals(
        List.of(
            f + ":2: question: required: a list holding one turn of messages",
            f + ":3: question: has 2 turns; a single-turn entry has exactly one",
            f
                + ":4: question[0][0].role: unknown role 'robot' (expected system, user, assistant"
                + " or tool)",
            f + ":5: function[0].name: required: the function's name",
            f + ":6: id: no possible answer for 'simple_5' (in " + a + ")",
            f
                + ":7: ground_truth[0].calculate_triangle_area.color: is expected, but function"
                + " 'calculate_triangle_area' does not declare it, so no call passes BFCL's checker"
                + " (possible answer of 'simple_6' in "
                + a
                + ")",
            f
                + ":8: ground_truth[0].calculate_triangle_area.base: lists no acceptable value, so"
                + " no call passes BFCL's checker (possible answer of 'simple_7' in "
                + a
                + ")",
            f
                + ":9: ground_truth[0].calculate_triangle_area.base: may only be omitted, but"
                + " function 'calculate_triangle_area' requires it, so no call passes BFCL's"
                + " checker (possible answer of 'simple_8' in "
                + a
                + ")",
            f
                + ":10: label.calls[0].arguments.base: wrong_type: expected integer, got string"
                + " \"ten\" (in sample t-000010 made from this record)",
            f
                + ":11: ground_truth[0]: calls 'triangle_area', which is not among the entry's"
                + " functions (possible answer of 'multiple_10' in "
                + a
                + ")",
            f
                + ":12: ground_truth[0]: must be one {function: {parameter: [acceptable values]}}"
                + " (possible answer of 'simple_11' in "
                + a
                + ")",
            f + ":13: id: required: the BFCL entry id, e.g. simple_0",
            f + ":14: $: must be an object {id, question, function}",
            f
                + ":15: id: 'java_0' is a java entry, which cannot be a held-out sample: its answers"
                + " are Java source literals in strings, which a JSON comparison cannot score;"
                + " evaluate it with looptool bfcl run",
            f
                + ":16: id: 'multi_turn_base_0' is a multi_turn_base entry, which cannot be a"
                + " held-out sample: it has several user turns, judged by executing the calls"
                + " against BFCL's API classes, not one labelled answer",
            f
                + ":17: id: 'live_relevance_0-0-0' is a live_relevance entry, which cannot be a"
                + " held-out sample: any call counts as correct and there is no ground truth, so"
                + " there is no label to hold out",
            f
                + ":18: ground_truth[0].calculate_triangle_area.base: must be a list of acceptable"
                + " values (possible answer of 'simple_17' in "
                + a
                + ")",
            f + ":19: function: lists no function doc, so no call can be expected",
            f + ":20: ground_truth: lists no call (possible answer of 'simple_19' in " + a + ")"),
        r.errors);
    assertEquals(20, r.summary.records());
    assertEquals(1, r.summary.samples());
    assertEquals(19, r.summary.rejected());
    // each reject keeps its record and reason
    assertEquals(19, r.rejects.size());
    assertEquals(
        Json.MAPPER.readTree("[\"simple_13\"]"),
        r.rejects.get(12).get("record"),
        "the record as read, for the operator to fix");
  }

  @Test
  void aMissingAnswerFileIsNamedInEachRejectThatNeedsIt() throws Exception {
    Run r = run("BFCL_v3_simple.json", SIMPLE_0, null, new BfclFormat());
    String a = dir.resolve("possible_answer").resolve("BFCL_v3_simple.json").toString();
    assertEquals(
        List.of(
            dir.resolve("BFCL_v3_simple.json")
                + ":1: id: no possible answer for 'simple_0' ("
                + a
                + " does not exist)"),
        r.errors);
  }

  @Test
  void aBrokenAnswerFileStopsTheImportNamingItsLines() throws Exception {
    String answers =
        String.join(
            "\n",
            SIMPLE_0_ANSWER,
            "{\"id\": \"simple_1\", \"ground_truth\": {\"math.factorial\": {\"number\": [5]}}}",
            "{\"ground_truth\": []}",
            SIMPLE_0_ANSWER);
    BadDataException e =
        assertThrows(
            BadDataException.class,
            () -> run("BFCL_v3_simple.json", SIMPLE_0, answers, new BfclFormat()));
    String a = dir.resolve("possible_answer").resolve("BFCL_v3_simple.json").toString();
    assertEquals(
        List.of(
            a
                + ":2: ground_truth: required: a list of {function: {parameter: [acceptable"
                + " values]}}",
            a + ":3: id: required: the id of the question answered",
            a + ":4: id: 'simple_0' is answered on an earlier line too"),
        e.errors().stream().map(LineError::toString).toList());
  }

  @Test
  void anIdThatNamesNoCategoryInAFileNamedForNoneIsRejected() throws Exception {
    Run r = run("mine.json", SIMPLE_0.replace("\"simple_0\"", "\"q1\""), "", new BfclFormat());
    assertEquals(
        List.of(
            dir.resolve("mine.json")
                + ":1: id: 'q1' names no BFCL-v3 category (ids are <category>_<number>, e.g."
                + " simple_0) and the file is not named BFCL_v3_<category>.json"),
        r.errors);
  }

  @Test
  void aRecordReadWithoutItsFileConvertsOnlyWhatNeedsNoAnswer() throws Exception {
    BfclFormat format = new BfclFormat();
    FormatException e =
        assertThrows(FormatException.class, () -> format.read(Json.parse(SIMPLE_0), "x"));
    assertEquals(
        "id: no possible answer for 'simple_0' (no answers file: the record was read without its"
            + " question file)",
        e.toString());
    assertTrue(format.read(Json.parse(IRRELEVANCE_0), "x").get(0).label().isText());
  }

  // ---- registration and detection

  @Test
  void isRegisteredAndRecognizesQuestionRecordsOnly() throws Exception {
    assertInstanceOf(BfclFormat.class, DatasetFormats.byName("bfcl"));
    assertInstanceOf(BfclFormat.class, DatasetFormats.detect(Json.parse(SIMPLE_0)));
    DatasetFormat f = new BfclFormat();
    assertFalse(writableOrThrows(f));
    assertFalse(f.recognizes(Json.parse(SIMPLE_0_ANSWER)), "an answer record");
    assertFalse(
        f.recognizes(
            Json.parse(
                "{\"id\": \"multi_turn_base_0\", \"question\": [[]], \"initial_config\": {},"
                    + " \"involved_classes\": []}")),
        "multi-turn records carry no function docs");
    assertFalse(
        f.recognizes(Json.parse("{\"messages\": [], \"tools\": [], \"label\": {\"text\": \"\"}}")));
  }

  private static boolean writableOrThrows(DatasetFormat f) {
    assertThrows(UnsupportedOperationException.class, () -> f.write(null, 0));
    return f.writable();
  }

  // ---- the published files

  /** Imported and rejected records per published file, as measured. */
  static final Map<String, long[]> PUBLISHED = new LinkedHashMap<>();

  static {
    PUBLISHED.put("simple", new long[] {400, 0});
    PUBLISHED.put("multiple", new long[] {200, 0});
    PUBLISHED.put("parallel", new long[] {200, 0});
    PUBLISHED.put("parallel_multiple", new long[] {198, 2});
    PUBLISHED.put("irrelevance", new long[] {240, 0});
    PUBLISHED.put("live_simple", new long[] {255, 3});
    PUBLISHED.put("live_multiple", new long[] {1035, 18});
    PUBLISHED.put("live_parallel", new long[] {16, 0});
    PUBLISHED.put("live_parallel_multiple", new long[] {23, 1});
    PUBLISHED.put("live_irrelevance", new long[] {882, 0});
    PUBLISHED.put("live_relevance", new long[] {0, 18});
    PUBLISHED.put("java", new long[] {0, 100});
    PUBLISHED.put("javascript", new long[] {0, 50});
    PUBLISHED.put("multi_turn_base", new long[] {0, 200});
    PUBLISHED.put("multi_turn_miss_func", new long[] {0, 200});
    PUBLISHED.put("multi_turn_miss_param", new long[] {0, 200});
    PUBLISHED.put("multi_turn_long_context", new long[] {0, 200});
  }

  /** The Python AST entries whose possible answers no call satisfying the docs can match. */
  static final List<String> REJECTED_AST =
      List.of(
          "parallel_multiple_21",
          "parallel_multiple_94",
          "live_simple_71-35-0",
          "live_simple_106-63-0",
          "live_simple_112-68-0",
          "live_multiple_87-38-4",
          "live_multiple_152-58-6",
          "live_multiple_189-83-0",
          "live_multiple_507-149-4",
          "live_multiple_552-153-1",
          "live_multiple_595-158-1",
          "live_multiple_596-158-2",
          "live_multiple_731-167-2",
          "live_multiple_733-167-4",
          "live_multiple_735-167-6",
          "live_multiple_750-169-5",
          "live_multiple_756-169-11",
          "live_multiple_835-178-10",
          "live_multiple_862-181-3",
          "live_multiple_871-182-8",
          "live_multiple_947-197-0",
          "live_multiple_964-207-0",
          "live_multiple_1038-265-0",
          "live_parallel_multiple_2-2-0");

  @Test
  void everyPublishedFileImportsAsMeasuredAndEachLabelPassesBfclsChecker() throws Exception {
    BfclDataset dataset = BfclDataFixture.dataset();
    BfclChecker checker = new BfclChecker();
    Map<String, long[]> got = new LinkedHashMap<>();
    List<String> rejectedAst = new ArrayList<>();
    Map<String, Long> reasons = new TreeMap<>();
    for (String category : PUBLISHED.keySet()) {
      BfclCategory c = BfclCategory.byId(category).orElseThrow();
      Path file = BfclDataFixture.dir().resolve(c.fileName());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream rej = new ByteArrayOutputStream();
      DatasetImport.Summary s =
          DatasetImport.run(file, new BfclFormat(), category, out, rej, e -> {});
      got.put(category, new long[] {s.samples(), s.rejected()});
      assertEquals(s.records(), s.samples() + s.rejected(), category);
      s.reasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
      for (JsonNode r : lines(rej)) {
        assertFalse(r.path("reason").asText("").isBlank(), "a reason for " + r);
        assertFalse(r.path("field").asText("").isBlank(), "a field for " + r);
        assertTrue(r.path("line").asLong() > 0, "a line for " + r);
        if (c.isAst() && c.language() == BfclCategory.Language.PYTHON) {
          rejectedAst.add(r.at("/record/id").textValue());
        }
      }
      for (JsonNode j : lines(out)) {
        Sample sample = SampleJson.read(j);
        String sourceId = sample.meta().path("sourceId").textValue();
        BfclEntry entry = dataset.entry(sourceId);
        assertEquals(category, sample.meta().at("/bfcl/category").textValue(), sourceId);
        if (c.isAst()) {
          assertEquals(
              Json.MAPPER.valueToTree(entry.groundTruth()),
              sample.meta().at("/bfcl/possibleAnswer"),
              sourceId);
          BfclVerdict v = checker.checkCalls(entry, sample.label().calls(), true);
          assertTrue(v.valid(), sourceId + ": " + v.errorType() + " " + v.error());
        } else {
          assertTrue(sample.label().isText(), sourceId);
        }
      }
    }
    Map<String, List<Long>> want = new LinkedHashMap<>();
    PUBLISHED.forEach((k, v) -> want.put(k, List.of(v[0], v[1])));
    Map<String, List<Long>> have = new LinkedHashMap<>();
    got.forEach((k, v) -> have.put(k, List.of(v[0], v[1])));
    assertEquals(want, have, "imported and rejected per file; reasons: " + reasons);
    assertEquals(REJECTED_AST, rejectedAst);
  }

  // ---- helpers

  record Run(
      DatasetImport.Summary summary,
      List<JsonNode> samples,
      List<JsonNode> rejects,
      List<String> errors) {}

  /** Imports a question file and its answers with {@link BfclFormat}, every record accepted. */
  private Run importedWithoutErrors(String name, String questions, String answers)
      throws IOException {
    Run r = run(name, questions, answers, new BfclFormat());
    assertEquals(List.of(), r.errors);
    return r;
  }

  /** Imports a question file, with its answers file beside it unless {@code answers} is null. */
  private Run run(String name, String questions, String answers, DatasetFormat format)
      throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, questions.strip() + "\n");
    if (answers != null) {
      Path answerDir = Files.createDirectories(dir.resolve("possible_answer"));
      Files.writeString(answerDir.resolve(name), answers.strip() + "\n");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream rej = new ByteArrayOutputStream();
    List<String> errors = new ArrayList<>();
    DatasetImport.Summary s =
        DatasetImport.run(file, format, "t", out, rej, e -> errors.add(e.toString()));
    return new Run(s, lines(out), lines(rej), errors);
  }

  private static List<JsonNode> lines(ByteArrayOutputStream bytes) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.parse(line));
      }
    }
    return out;
  }
}
