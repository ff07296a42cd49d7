package dev.looptool.world.synth;

import java.util.List;

/**
 * A leaf of the context tree: one thing a tool can do (e.g. travel → flights → search flights),
 * with the parameters it needs and may take, the verb phrases a user asks for it with, and, for
 * dependent steps, the id it produces or consumes.
 *
 * @param key snake_case base name of the tool
 * @param phrases verb phrases ("find flights"); the user's clauses for the arguments follow them
 * @param refPhrases how a user asks for this step when its id comes from the previous result ("book
 *     it")
 * @param produces an id kind this capability's result carries, or null
 * @param consumes the id kind (among {@code required}) a previous step can supply, or null
 */
public record Capability(
    String domain,
    String subdomain,
    String key,
    String description,
    List<String> phrases,
    List<ParamKind> required,
    List<ParamKind> optional,
    ParamKind produces,
    ParamKind consumes,
    List<String> refPhrases,
    List<ParamKind> result) {}
