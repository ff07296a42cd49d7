package dev.looptool.world.synth;

import static dev.looptool.world.synth.Kinds.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The context tree of API synthesis: domains, their sub-domains and the capabilities under each.
 * Producer/consumer pairs (search → book) share a sub-domain so that dependent multi-step dialogues
 * can chain them.
 *
 * <p>Mostly a table of data, one entry per capability; it is long because the world is.
 */
public final class ContextTree {
  private ContextTree() {}

  /** Every capability, grouped in tree order (domain, sub-domain). */
  public static final List<Capability> CAPABILITIES;

  static {
    List<Capability> c = new ArrayList<>();
    // travel
    c.add(
        cap(
            "travel",
            "flights",
            "search_flights",
            "Search flights between two cities.",
            l("find flights", "search for flights", "look up flights"),
            l(ORIGIN, DESTINATION, DEPART_DATE),
            l(PASSENGERS, CABIN, NONSTOP, MAX_PRICE),
            FLIGHT_ID,
            null,
            l(),
            l(AIRLINE_PRICE, DEPART_TIME)));
    c.add(
        cap(
            "travel",
            "flights",
            "book_flight",
            "Book a flight by id.",
            l("book flight", "reserve flight"),
            l(FLIGHT_ID, PASSENGERS),
            l(CABIN, PASSENGER_NAME),
            BOOKING_ID,
            FLIGHT_ID,
            l("book it", "book the first one", "reserve that flight"),
            l(TOTAL_PRICE)));
    c.add(
        cap(
            "travel",
            "flights",
            "get_flight_status",
            "Get the status of a flight.",
            l("check the status of flight", "get the status of flight"),
            l(FLIGHT_NUMBER),
            l(FLIGHT_DATE),
            null,
            null,
            l(),
            l(FLIGHT_STATE, GATE)));
    c.add(
        cap(
            "travel",
            "hotels",
            "search_hotels",
            "Search hotels in a city.",
            l("find hotels", "search for hotels", "look for a hotel"),
            l(CITY, CHECK_IN, CHECK_OUT),
            l(GUESTS, MAX_PRICE, CURRENCY_OPT, STARS),
            HOTEL_ID,
            null,
            l(),
            l(HOTEL_PRICE, RATING)));
    c.add(
        cap(
            "travel",
            "hotels",
            "book_hotel",
            "Book a hotel room by hotel id.",
            l("book hotel", "reserve a room at hotel"),
            l(HOTEL_ID, ROOM_TYPE),
            l(GUESTS, BREAKFAST),
            BOOKING_ID,
            HOTEL_ID,
            l("book it", "book the first one", "reserve a room there"),
            l(TOTAL_PRICE)));
    c.add(
        cap(
            "travel",
            "airports",
            "get_airport_info",
            "Get information about an airport.",
            l("get airport information", "look up an airport"),
            l(AIRPORT),
            l(),
            null,
            null,
            l(),
            l(AIRPORT_CITY, TERMINALS)));
    // weather
    c.add(
        cap(
            "weather",
            "forecast",
            "get_weather_forecast",
            "Get the weather forecast for a city.",
            l("get the weather forecast", "check the weather", "tell me the forecast"),
            l(CITY),
            l(FORECAST_DATE, UNITS, DAYS),
            null,
            null,
            l(),
            l(TEMPERATURE, CONDITION)));
    c.add(
        cap(
            "weather",
            "air",
            "get_air_quality",
            "Get the air quality index of a city.",
            l("get the air quality", "check the air quality"),
            l(CITY),
            l(),
            null,
            null,
            l(),
            l(AQI)));
    c.add(
        cap(
            "weather",
            "alerts",
            "get_weather_alerts",
            "List active weather alerts for a country.",
            l("list weather alerts", "check for weather warnings"),
            l(COUNTRY),
            l(SEVERITY),
            null,
            null,
            l(),
            l(ALERT_COUNT)));
    // finance
    c.add(
        cap(
            "finance",
            "currency",
            "convert_currency",
            "Convert an amount between currencies.",
            l("convert", "change"),
            l(AMOUNT, FROM_CURRENCY, TO_CURRENCY),
            l(),
            null,
            null,
            l(),
            l(CONVERTED, RATE)));
    c.add(
        cap(
            "finance",
            "currency",
            "get_exchange_rate",
            "Get the exchange rate between two currencies.",
            l("get the exchange rate", "look up the rate"),
            l(BASE_CURRENCY, TARGET_CURRENCY),
            l(RATE_DATE),
            null,
            null,
            l(),
            l(RATE)));
    c.add(
        cap(
            "finance",
            "currency",
            "list_currencies",
            "List supported currencies.",
            l("list the supported currencies", "show which currencies are supported"),
            l(),
            l(),
            null,
            null,
            l(),
            l(CURRENCY_COUNT)));
    c.add(
        cap(
            "finance",
            "stocks",
            "get_stock_quote",
            "Get the latest quote of a stock.",
            l("get the stock price", "get a quote"),
            l(SYMBOL),
            l(),
            null,
            null,
            l(),
            l(PRICE, CHANGE_PCT)));
    c.add(
        cap(
            "finance",
            "stocks",
            "get_stock_history",
            "Get price history of a stock.",
            l("get the price history", "show the price history"),
            l(SYMBOL, START_DATE, END_DATE),
            l(INTERVAL),
            null,
            null,
            l(),
            l(POINTS)));
    c.add(
        cap(
            "finance",
            "payments",
            "send_payment",
            "Send money to a person.",
            l("send a payment", "transfer money", "pay"),
            l(RECIPIENT, AMOUNT, CURRENCY),
            l(NOTE),
            PAYMENT_ID,
            null,
            l(),
            l(PAY_STATE)));
    c.add(
        cap(
            "finance",
            "payments",
            "get_payment_status",
            "Get the status of a payment.",
            l("check payment", "get the status of payment"),
            l(PAYMENT_ID),
            l(),
            null,
            PAYMENT_ID,
            l("check its status", "confirm it went through"),
            l(PAY_STATE)));
    // shopping
    c.add(
        cap(
            "shopping",
            "products",
            "search_products",
            "Search the product catalog.",
            l("search the catalog", "find a product", "look for a product"),
            l(QUERY),
            l(MAX_PRICE, CATEGORY, IN_STOCK),
            PRODUCT_ID,
            null,
            l(),
            l(PRICE, RATING)));
    c.add(
        cap(
            "shopping",
            "orders",
            "place_order",
            "Order a product.",
            l("order product", "buy product"),
            l(PRODUCT_ID, QUANTITY),
            l(SHIPPING, EXPRESS),
            ORDER_ID,
            PRODUCT_ID,
            l("order it", "buy the first one", "order that"),
            l(TOTAL_PRICE, DELIVERY_DATE)));
    c.add(
        cap(
            "shopping",
            "orders",
            "track_order",
            "Track an order.",
            l("track order", "where is order"),
            l(ORDER_ID),
            l(),
            null,
            ORDER_ID,
            l("track it", "tell me where it is"),
            l(ORDER_STATE, DELIVERY_DATE)));
    c.add(
        cap(
            "shopping",
            "orders",
            "cancel_order",
            "Cancel an order.",
            l("cancel order"),
            l(ORDER_ID),
            l(CANCEL_REASON),
            null,
            null,
            l(),
            l(ORDER_STATE)));
    // food
    c.add(
        cap(
            "food",
            "restaurants",
            "search_restaurants",
            "Find restaurants in a city.",
            l("find restaurants", "look for a restaurant", "search restaurants"),
            l(CITY, CUISINE),
            l(PARTY_SIZE, PRICE_LEVEL, OPEN_NOW),
            RESTAURANT_ID,
            null,
            l(),
            l(RATING)));
    c.add(
        cap(
            "food",
            "restaurants",
            "reserve_table",
            "Reserve a table at a restaurant.",
            l("reserve a table at restaurant", "book a table at"),
            l(RESTAURANT_ID, RES_DATE, RES_TIME, PARTY_SIZE),
            l(SPECIAL_REQUEST),
            BOOKING_ID,
            RESTAURANT_ID,
            l("book a table there", "reserve the first one"),
            l(CONFIRMED)));
    c.add(
        cap(
            "food",
            "recipes",
            "find_recipes",
            "Find recipes from ingredients.",
            l("find recipes", "suggest recipes"),
            l(INGREDIENTS),
            l(MAX_MINUTES, DIET),
            null,
            null,
            l(),
            l(RECIPE_COUNT)));
    c.add(
        cap(
            "food",
            "nutrition",
            "get_nutrition_facts",
            "Get nutrition facts for a food.",
            l("get the nutrition facts", "look up the calories"),
            l(FOOD, GRAMS),
            l(),
            null,
            null,
            l(),
            l(CALORIES, PROTEIN)));
    // health
    c.add(
        cap(
            "health",
            "appointments",
            "book_doctor_appointment",
            "Book an appointment with a doctor.",
            l("book a doctor appointment", "schedule a doctor visit"),
            l(SPECIALTY, APPT_DATE, APPT_TIME),
            l(PATIENT_NAME, TELEHEALTH),
            APPOINTMENT_ID,
            null,
            l(),
            l(CONFIRMED)));
    c.add(
        cap(
            "health",
            "fitness",
            "log_workout",
            "Log a workout.",
            l("log a workout", "record my workout"),
            l(ACTIVITY, DURATION),
            l(CALORIES_BURNED, WORKOUT_DATE),
            null,
            null,
            l(),
            l(WEEK_TOTAL)));
    // productivity
    c.add(
        cap(
            "productivity",
            "calendar",
            "create_event",
            "Create a calendar event.",
            l("create an event", "schedule", "add to my calendar"),
            l(TITLE, EVENT_DATE, START_TIME),
            l(DURATION, ATTENDEES, LOCATION_TEXT),
            EVENT_ID,
            null,
            l(),
            l(CONFIRMED)));
    c.add(
        cap(
            "productivity",
            "calendar",
            "list_events",
            "List calendar events on a day.",
            l("list my events", "show my calendar"),
            l(EVENT_DATE),
            l(),
            null,
            null,
            l(),
            l(EVENT_COUNT)));
    c.add(
        cap(
            "productivity",
            "reminders",
            "set_reminder",
            "Set a reminder.",
            l("set a reminder", "create a reminder"),
            l(REMINDER_TEXT, REMIND_AT),
            l(REPEAT),
            null,
            null,
            l(),
            l(CONFIRMED)));
    c.add(
        cap(
            "productivity",
            "email",
            "send_email",
            "Send an email.",
            l("send an email", "email"),
            l(TO_EMAIL, SUBJECT),
            l(CC, URGENT),
            null,
            null,
            l(),
            l(DELIVERED)));
    // entertainment
    c.add(
        cap(
            "entertainment",
            "movies",
            "search_movies",
            "Search movies now showing.",
            l("find movies", "search for movies"),
            l(GENRE),
            l(CITY_OPT, RELEASE_YEAR),
            MOVIE_ID,
            null,
            l(),
            l(RATING)));
    c.add(
        cap(
            "entertainment",
            "movies",
            "get_showtimes",
            "Get showtimes of a movie.",
            l("get showtimes for movie", "show when movie plays"),
            l(MOVIE_ID, CITY, SHOW_DATE),
            l(),
            null,
            MOVIE_ID,
            l("get its showtimes", "tell me when it plays"),
            l(SHOW_COUNT)));
    c.add(
        cap(
            "entertainment",
            "music",
            "play_song",
            "Play a song.",
            l("play a song", "put on a song"),
            l(SONG),
            l(ARTIST, SHUFFLE),
            null,
            null,
            l(),
            l(PLAYING)));
    c.add(
        cap(
            "entertainment",
            "music",
            "create_playlist",
            "Create a playlist.",
            l("create a playlist", "make a playlist"),
            l(PLAYLIST_NAME, SONGS),
            l(PUBLIC),
            null,
            null,
            l(),
            l(TRACK_COUNT)));
    c.add(
        cap(
            "entertainment",
            "movies",
            "get_movie_details",
            "Get details of a movie by title.",
            l("get movie details", "tell me about a movie"),
            l(MOVIE_TITLE),
            l(),
            null,
            null,
            l(),
            l(RATING, RELEASE_YEAR_OUT)));
    // transport
    c.add(
        cap(
            "transport",
            "maps",
            "get_directions",
            "Get directions between two places.",
            l("get directions", "show me the route"),
            l(ORIGIN, DESTINATION),
            l(MODE, AVOID_TOLLS),
            null,
            null,
            l(),
            l(DISTANCE_KM, MINUTES)));
    c.add(
        cap(
            "transport",
            "rides",
            "request_ride",
            "Request a ride.",
            l("request a ride", "get me a ride", "book a taxi"),
            l(PICKUP, DROPOFF),
            l(RIDE_TYPE, SEATS),
            RIDE_ID,
            null,
            l(),
            l(ETA_MIN, FARE)));
    c.add(
        cap(
            "transport",
            "rides",
            "cancel_ride",
            "Cancel a ride.",
            l("cancel ride"),
            l(RIDE_ID),
            l(),
            null,
            RIDE_ID,
            l("cancel it", "call it off"),
            l(CONFIRMED)));
    c.add(
        cap(
            "transport",
            "transit",
            "get_transit_departures",
            "Get the next departures at a station.",
            l("get the next departures", "show departures"),
            l(STATION),
            l(TRANSIT_MODE, LIMIT),
            null,
            null,
            l(),
            l(DEPARTURE_COUNT)));
    // real estate
    c.add(
        cap(
            "real_estate",
            "listings",
            "search_listings",
            "Search homes for sale or rent.",
            l("search listings", "find homes", "look for apartments"),
            l(CITY, MAX_PRICE),
            l(BEDROOMS, PROPERTY_TYPE, FURNISHED),
            LISTING_ID,
            null,
            l(),
            l(LIST_PRICE)));
    c.add(
        cap(
            "real_estate",
            "viewings",
            "schedule_viewing",
            "Schedule a viewing of a listing.",
            l("schedule a viewing of listing", "book a visit to listing"),
            l(LISTING_ID, VIEW_DATE, VIEW_TIME),
            l(),
            BOOKING_ID,
            LISTING_ID,
            l("schedule a viewing", "book a visit to the first one"),
            l(CONFIRMED)));
    // education
    c.add(
        cap(
            "education",
            "courses",
            "search_courses",
            "Search online courses.",
            l("find courses", "search for courses"),
            l(TOPIC),
            l(LEVEL, MAX_PRICE, LANGUAGE),
            COURSE_ID,
            null,
            l(),
            l(PRICE, RATING)));
    c.add(
        cap(
            "education",
            "courses",
            "enroll_course",
            "Enroll a student in a course.",
            l("enroll in course", "sign up for course"),
            l(COURSE_ID, STUDENT_NAME, STUDENT_EMAIL),
            l(),
            ENROLLMENT_ID,
            COURSE_ID,
            l("enroll me in it", "sign me up for the first one"),
            l(CONFIRMED)));
    c.add(
        cap(
            "education",
            "library",
            "search_books",
            "Search the library catalog.",
            l("search the library", "find books"),
            l(BOOK_TOPIC),
            l(BOOK_FORMAT, AVAILABLE_ONLY),
            BOOK_ID,
            null,
            l(),
            l(RELEASE_YEAR_OUT)));
    c.add(
        cap(
            "education",
            "library",
            "reserve_book",
            "Reserve a library book.",
            l("reserve book", "hold book"),
            l(BOOK_ID),
            l(PICKUP_DATE),
            BOOKING_ID,
            BOOK_ID,
            l("reserve it", "hold the first one for me"),
            l(DUE_DATE)));
    // sports
    c.add(
        cap(
            "sports",
            "scores",
            "get_match_score",
            "Get the score of a team's match.",
            l("get the match score", "check the score"),
            l(TEAM),
            l(MATCH_DATE),
            null,
            null,
            l(),
            l(SCORE)));
    c.add(
        cap(
            "sports",
            "leagues",
            "get_league_standings",
            "Get league standings.",
            l("get the league standings", "show the league table"),
            l(LEAGUE),
            l(SEASON),
            null,
            null,
            l(),
            l(TEAM_COUNT)));
    // home
    c.add(
        cap(
            "home",
            "climate",
            "set_thermostat",
            "Set the thermostat temperature.",
            l("set the thermostat", "change the heating"),
            l(TARGET_TEMP, ROOM),
            l(TEMP_UNIT),
            null,
            null,
            l(),
            l(CONFIRMED)));
    c.add(
        cap(
            "home",
            "lights",
            "set_lights",
            "Turn lights on or off in a room.",
            l("switch the lights", "control the lights"),
            l(ROOM, LIGHTS_ON),
            l(BRIGHTNESS),
            null,
            null,
            l(),
            l(CONFIRMED)));
    c.add(
        cap(
            "home",
            "tools",
            "convert_units",
            "Convert a quantity between units.",
            l("convert", "turn"),
            l(QUANTITY_VALUE, FROM_UNIT, TO_UNIT),
            l(),
            null,
            null,
            l(),
            l(CONVERTED)));
    // news
    c.add(
        cap(
            "news",
            "headlines",
            "get_headlines",
            "Get top news headlines.",
            l("get the headlines", "show me the news"),
            l(NEWS_TOPIC),
            l(COUNTRY_OPT, LIMIT),
            null,
            null,
            l(),
            l(ARTICLE_COUNT)));
    c.add(
        cap(
            "news",
            "trends",
            "get_trending_topics",
            "Get trending topics right now.",
            l("get the trending topics", "show what is trending"),
            l(),
            l(),
            null,
            null,
            l(),
            l(TOPIC_COUNT)));
    // messaging
    c.add(
        cap(
            "messaging",
            "chat",
            "send_message",
            "Send a chat message to a contact.",
            l("send a message", "send a text"),
            l(CONTACT, MESSAGE),
            l(URGENT),
            MESSAGE_ID,
            null,
            l(),
            l(DELIVERED)));
    c.add(
        cap(
            "messaging",
            "contacts",
            "find_contact",
            "Find a contact's details.",
            l("find the contact details", "look up the contact"),
            l(CONTACT),
            l(),
            null,
            null,
            l(),
            l(CONTACT_EMAIL)));
    CAPABILITIES = Collections.unmodifiableList(c);
  }

  /** Domains in tree order. */
  public static List<String> domains() {
    List<String> out = new ArrayList<>();
    for (Capability c : CAPABILITIES) {
      if (!out.contains(c.domain())) {
        out.add(c.domain());
      }
    }
    return out;
  }

  private static Capability cap(
      String domain,
      String sub,
      String key,
      String description,
      List<String> phrases,
      List<ParamKind> required,
      List<ParamKind> optional,
      ParamKind produces,
      ParamKind consumes,
      List<String> refPhrases,
      List<ParamKind> result) {
    return new Capability(
        domain,
        sub,
        key,
        description,
        phrases,
        required,
        optional,
        produces,
        consumes,
        refPhrases,
        result);
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // the array only ever reaches List.of, which copies it
  private static <T> List<T> l(T... xs) {
    return List.of(xs);
  }
}
