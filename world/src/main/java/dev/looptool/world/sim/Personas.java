package dev.looptool.world.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated users' personas: how each wraps a request, joins parallel asks, and supplies a
 * missing value. Several phrasings per step kind keep the surface varied.
 */
public final class Personas {
  private Personas() {}

  /**
   * One persona's phrasings; {@code {core}} is the request, {@code {Core}} the same capitalised.
   */
  record Persona(
      String name, String[] requests, String[] joiners, String[] then, String[] supplies) {}

  static final List<Persona> ALL =
      List.of(
          new Persona(
              "neutral",
              new String[] {"{Core}.", "Please {core}.", "I need to {core}.", "Can you {core}?"},
              new String[] {", and ", "; also ", ". Also "},
              new String[] {", then ", " and then ", ". After that, "},
              new String[] {"{clause}.", "It's {v}.", "{v}."}),
          new Persona(
              "polite",
              new String[] {
                "Could you please {core}?", "Hello! Would you mind helping me {core}? Thank you!",
                "Good morning, I'd like you to {core}, please.",
                    "If it's no trouble, please {core}."
              },
              new String[] {
                ", and kindly ", ", and if possible also ", ". I'd also appreciate it if you could "
              },
              new String[] {
                ", and after that please ", ". Once that's done, could you ", ", and then kindly "
              },
              new String[] {
                "Of course, {clause}.",
                "Sorry, I forgot: {clause}.",
                "Certainly - it's {v}. Thank you!"
              }),
          new Persona(
              "terse",
              new String[] {"{core}", "{Core}. Quick.", "need: {core}", "{Core}, now."},
              new String[] {"; ", " + ", ", "},
              new String[] {" -> ", ", then ", "; then "},
              new String[] {"{v}", "{clause}", "{v}."}),
          new Persona(
              "casual",
              new String[] {
                "hey, can you {core}?",
                "yo, {core} pls",
                "so I wanna {core}, can you do that?",
                "{core} for me? thx"
              },
              new String[] {" and also ", ", oh and ", " - plus "},
              new String[] {" and then ", ", after that ", " then "},
              new String[] {"oh yeah, {clause}", "{v} I guess", "haha sorry, {clause}"}),
          new Persona(
              "novice",
              new String[] {
                "I'm not sure how this works, but can you {core}?",
                    "Sorry if this is a silly question - could you {core}?",
                "Um, I think I need to {core}. Is that possible?",
                    "My friend said you can help. Please {core}."
              },
              new String[] {". And, um, ", ", and maybe also ", ". Oh, and "},
              new String[] {", and then I think ", ". And after that, ", ", and then maybe "},
              new String[] {"Oh, sorry! {clause}.", "I think it's {v}?", "Um, {clause}."}),
          new Persona(
              "business",
              new String[] {
                "For our team, please {core}.",
                "On behalf of my manager: {core}.",
                "Action item: {core}.",
                "As discussed in the meeting, {core}."
              },
              new String[] {". Additionally, ", "; in parallel, ", ". Secondly, "},
              new String[] {". Once complete, ", "; as a follow-up, ", ", then proceed to "},
              new String[] {"Confirmed: {clause}.", "Please use {v}.", "The value is {v}."}),
          new Persona(
              "technical",
              new String[] {
                "Execute: {core}.",
                "Run a request to {core}.",
                "Task: {core}. Return the result.",
                "Invoke the API to {core}."
              },
              new String[] {"; in the same batch, ", "; concurrently, ", " && "},
              new String[] {"; with that output, ", " | then ", "; chain: "},
              new String[] {"Parameter: {v}.", "Use {v}.", "{clause}, as specified."}));

  /** The persona names, for planners that pick one. */
  public static List<String> names() {
    return ALL.stream().map(Persona::name).toList();
  }

  static Persona get(String name) {
    for (Persona p : ALL) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return ALL.get(0);
  }

  static String draw(SplittableRandom rng) {
    return ALL.get(rng.nextInt(ALL.size())).name();
  }

  static String pick(String[] xs, SplittableRandom rng) {
    return xs[rng.nextInt(xs.length)];
  }

  static String wrap(Persona p, String core, SplittableRandom rng) {
    String t = pick(p.requests(), rng);
    return t.replace("{core}", core).replace("{Core}", capitalize(core));
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
