package dev.looptool.benchmarks.acebench;

import java.util.Arrays;
import java.util.Optional;

/** An ACEBench English "normal" category, with the group it is reported under. */
public enum AcebenchCategory {
  SINGLE_TURN_SINGLE_FUNCTION("normal_single_turn_single_function", "single_turn"),
  SINGLE_TURN_PARALLEL_FUNCTION("normal_single_turn_parallel_function", "single_turn"),
  MULTI_TURN_USER_ADJUST("normal_multi_turn_user_adjust", "multi_turn"),
  MULTI_TURN_USER_SWITCH("normal_multi_turn_user_switch", "multi_turn"),
  SIMILAR_API("normal_similar_api", "similar_api"),
  PREFERENCE("normal_preference", "preference"),
  ATOM_BOOL("normal_atom_bool", "atom"),
  ATOM_ENUM("normal_atom_enum", "atom"),
  ATOM_NUMBER("normal_atom_number", "atom"),
  ATOM_LIST("normal_atom_list", "atom"),
  ATOM_OBJECT_DEEP("normal_atom_object_deep", "atom"),
  ATOM_OBJECT_SHORT("normal_atom_object_short", "atom");

  private final String id;
  private final String group;

  AcebenchCategory(String id, String group) {
    this.id = id;
    this.group = group;
  }

  public String id() {
    return id;
  }

  public String group() {
    return group;
  }

  /** The data file name, e.g. {@code data_normal_atom_bool.json}. */
  public String fileName() {
    return "data_" + id + ".json";
  }

  public static Optional<AcebenchCategory> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }
}
