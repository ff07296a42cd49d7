package dev.looptool.workflows.spec;

/**
 * A spec record that fills its own unset fields. {@link SpecDefaults#fill} resolves a field of such
 * a type through it whether or not the user wrote the field, so each sub-spec owns its defaults.
 */
interface Defaultable<T> {
  /** This spec with every unset field set to its default; a resolved spec is returned unchanged. */
  T withDefaults();
}
