package dev.looptool.world.synth;

import java.util.List;

/**
 * The parameter and result vocabulary of the world: every kind a capability can take or return.
 * Mostly a table of data, one constant per kind; it is long because the world is.
 */
final class Kinds {
  private Kinds() {}

  private static String[] c(String... clauses) {
    return clauses;
  }

  static ParamKind str(String key, String desc, String[] pool, String... clauses) {
    return new ParamKind(
        key, ParamType.STRING, desc, pool, 0, 0, 0, clauses, null, null, null, null);
  }

  static ParamKind en(String key, String desc, String[] values, String... clauses) {
    return new ParamKind(
        key, ParamType.ENUM, desc, values, 0, 0, 0, clauses, null, null, null, null);
  }

  static ParamKind integer(String key, String desc, int min, int max, String... clauses) {
    return new ParamKind(
        key, ParamType.INTEGER, desc, null, min, max, 0, clauses, null, null, null, null);
  }

  static ParamKind num(
      String key, String desc, double min, double max, int decimals, String... clauses) {
    return new ParamKind(
        key, ParamType.NUMBER, desc, null, min, max, decimals, clauses, null, null, null, null);
  }

  static ParamKind bool(String key, String desc, String[] whenTrue, String[] whenFalse) {
    return new ParamKind(
        key, ParamType.BOOLEAN, desc, null, 0, 0, 0, whenTrue, whenFalse, null, null, null);
  }

  static ParamKind date(String key, String desc, String... clauses) {
    return new ParamKind(key, ParamType.DATE, desc, null, 0, 0, 0, clauses, null, null, null, null);
  }

  static ParamKind time(String key, String desc, String... clauses) {
    return new ParamKind(key, ParamType.TIME, desc, null, 0, 0, 0, clauses, null, null, null, null);
  }

  static ParamKind datetime(String key, String desc, String... clauses) {
    return new ParamKind(
        key, ParamType.DATETIME, desc, null, 0, 0, 0, clauses, null, null, null, null);
  }

  static ParamKind id(String key, String desc, String prefix, String... clauses) {
    return new ParamKind(key, ParamType.ID, desc, null, 0, 0, 0, clauses, null, null, null, prefix);
  }

  static ParamKind arr(
      String key, String desc, ParamKind item, int min, int max, String... clauses) {
    return new ParamKind(
        key, ParamType.ARRAY, desc, null, min, max, 0, clauses, null, null, item, null);
  }

  static ParamKind obj(String key, String desc, List<ParamKind> fields, String... clauses) {
    return new ParamKind(
        key, ParamType.OBJECT, desc, null, 0, 0, 0, clauses, null, fields, null, null);
  }

  // ---------------------------------------------------------------- places and travel
  static final ParamKind CITY = str("city", "City name", Pools.CITIES, "in {v}", "for {v}");
  static final ParamKind CITY_OPT =
      str("city", "City name", Pools.CITIES, "in {v}", "playing in {v}");
  static final ParamKind ORIGIN =
      str("origin", "Departure city", Pools.CITIES, "from {v}", "leaving {v}");
  static final ParamKind DESTINATION =
      str("destination", "Arrival city", Pools.CITIES, "to {v}", "going to {v}");
  static final ParamKind COUNTRY =
      str("country", "Country name", Pools.COUNTRIES, "in {v}", "for {v}");
  static final ParamKind COUNTRY_OPT =
      str("country", "Country name", Pools.COUNTRIES, "from {v}", "about {v}");
  static final ParamKind AIRPORT =
      str("airport_code", "IATA airport code", Pools.AIRPORTS, "for {v}", "with code {v}");
  static final ParamKind DEPART_DATE =
      date("depart_date", "Departure date", "on {v}", "departing {v}");
  static final ParamKind PASSENGERS =
      integer("passengers", "Number of passengers", 1, 6, "for {v} passengers", "for {v} people");
  static final ParamKind CABIN =
      en(
          "cabin_class",
          "Cabin class",
          new String[] {"economy", "premium", "business", "first"},
          "in {v} class",
          "flying {v}");
  static final ParamKind NONSTOP =
      bool(
          "nonstop",
          "Only nonstop flights",
          c("nonstop only", "with no stops"),
          c("stops are fine", "with stops allowed"));
  static final ParamKind MAX_PRICE =
      num("max_price", "Maximum price", 50, 2000, 0, "under {v}", "for at most {v}");
  static final ParamKind FLIGHT_ID = id("flight_id", "Flight offer id", "FL-", "{v}");
  static final ParamKind BOOKING_ID = id("booking_id", "Booking id", "BK-", "{v}");
  static final ParamKind PASSENGER_NAME =
      str(
          "passenger_name",
          "Passenger full name",
          Pools.PEOPLE,
          "for passenger {v}",
          "in the name of {v}");
  static final ParamKind FLIGHT_NUMBER =
      str("flight_number", "Flight number", Pools.FLIGHT_NUMBERS, "{v}");
  static final ParamKind FLIGHT_DATE = date("date", "Flight date", "on {v}", "for {v}");
  static final ParamKind CHECK_IN =
      date("check_in", "Check-in date", "from {v}", "checking in {v}");
  static final ParamKind CHECK_OUT =
      date("check_out", "Check-out date", "until {v}", "checking out {v}");
  static final ParamKind GUESTS =
      integer("guests", "Number of guests", 1, 6, "for {v} guests", "for {v} adults");
  static final ParamKind CURRENCY_OPT =
      en("currency", "Currency code", Pools.CURRENCIES, "priced in {v}", "in {v}");
  static final ParamKind STARS =
      integer(
          "min_stars",
          "Minimum star rating",
          1,
          5,
          "with at least {v} stars",
          "rated {v} stars or more");
  static final ParamKind HOTEL_ID = id("hotel_id", "Hotel id", "HT-", "{v}");
  static final ParamKind ROOM_TYPE =
      en(
          "room_type",
          "Room type",
          new String[] {"single", "double", "twin", "suite"},
          "a {v} room",
          "in a {v} room");
  static final ParamKind BREAKFAST =
      bool(
          "breakfast",
          "Include breakfast",
          c("with breakfast", "breakfast included"),
          c("without breakfast", "no breakfast"));
  // ---------------------------------------------------------------- weather
  static final ParamKind FORECAST_DATE = date("date", "Forecast date", "on {v}", "for {v}");
  static final ParamKind UNITS =
      en(
          "units",
          "Temperature units",
          new String[] {"celsius", "fahrenheit"},
          "in {v}",
          "using {v}");
  static final ParamKind DAYS =
      integer("days", "Number of days", 1, 10, "for the next {v} days", "over {v} days");
  static final ParamKind SEVERITY =
      en(
          "severity",
          "Minimum severity",
          new String[] {"minor", "moderate", "severe"},
          "of {v} severity or worse",
          "at least {v}");
  // ---------------------------------------------------------------- finance
  static final ParamKind AMOUNT = num("amount", "Amount of money", 5, 5000, 2, "{v}");
  static final ParamKind FROM_CURRENCY =
      en("from_currency", "Source currency", Pools.CURRENCIES, "from {v}", "{v}");
  static final ParamKind TO_CURRENCY =
      en("to_currency", "Target currency", Pools.CURRENCIES, "to {v}", "into {v}");
  static final ParamKind BASE_CURRENCY =
      en("base", "Base currency", Pools.CURRENCIES, "from {v}", "for {v}");
  static final ParamKind TARGET_CURRENCY =
      en("target", "Target currency", Pools.CURRENCIES, "to {v}", "against {v}");
  static final ParamKind RATE_DATE = date("date", "Rate date", "on {v}", "as of {v}");
  static final ParamKind CURRENCY =
      en("currency", "Currency code", Pools.CURRENCIES, "in {v}", "{v}");
  static final ParamKind SYMBOL = str("symbol", "Stock ticker", Pools.STOCKS, "of {v}", "for {v}");
  static final ParamKind START_DATE = date("start_date", "First day", "from {v}", "starting {v}");
  static final ParamKind END_DATE = date("end_date", "Last day", "to {v}", "until {v}");
  static final ParamKind INTERVAL =
      en(
          "interval",
          "Sampling interval",
          new String[] {"daily", "weekly", "monthly"},
          "with {v} points",
          "at {v} intervals");
  static final ParamKind RECIPIENT =
      str("recipient", "Who receives the money", Pools.PEOPLE, "to {v}");
  static final ParamKind NOTE =
      str("note", "Payment note", Pools.NOTES, "for {v}", "with the note {v}");
  static final ParamKind PAYMENT_ID = id("payment_id", "Payment id", "PM-", "{v}");
  // ---------------------------------------------------------------- shopping
  static final ParamKind QUERY =
      str("query", "Search words", Pools.PRODUCTS, "for {v}", "matching {v}");
  static final ParamKind CATEGORY =
      en(
          "category",
          "Product category",
          new String[] {"electronics", "home", "sports", "kitchen", "office"},
          "in {v}",
          "in the {v} category");
  static final ParamKind IN_STOCK =
      bool(
          "in_stock",
          "Only items in stock",
          c("that are in stock", "available now"),
          c("even if out of stock", "including sold out items"));
  static final ParamKind PRODUCT_ID = id("product_id", "Product id", "PR-", "{v}");
  static final ParamKind QUANTITY = integer("quantity", "How many", 1, 10, "x{v}", "{v} units");
  static final ParamKind SHIPPING =
      obj(
          "shipping_address",
          "Delivery address",
          List.of(
              str("street", "Street and number", Pools.STREETS),
              str("city", "City", Pools.CITIES),
              str("country", "Country", Pools.COUNTRIES)),
          "shipped to {street}, {city}, {country}",
          "delivered to {street}, {city}, {country}");
  static final ParamKind EXPRESS =
      bool(
          "express",
          "Express delivery",
          c("with express delivery", "express"),
          c("with standard delivery", "no express"));
  static final ParamKind ORDER_ID = id("order_id", "Order id", "OR-", "{v}");
  static final ParamKind CANCEL_REASON =
      en(
          "reason",
          "Why the order is cancelled",
          new String[] {"changed_mind", "too_late", "wrong_item", "found_cheaper"},
          "because of {v}",
          "reason {v}");
  // ---------------------------------------------------------------- food
  static final ParamKind CUISINE =
      en("cuisine", "Type of food", Pools.CUISINES, "serving {v} food", "for {v} cuisine");
  static final ParamKind PARTY_SIZE =
      integer("party_size", "Number of people", 1, 12, "for {v} people", "for a party of {v}");
  static final ParamKind PRICE_LEVEL =
      integer(
          "price_level", "Price level from 1 to 4", 1, 4, "at price level {v}", "price level {v}");
  static final ParamKind OPEN_NOW =
      bool(
          "open_now",
          "Only open now",
          c("open now", "that are open right now"),
          c("open or closed", "even if closed now"));
  static final ParamKind RESTAURANT_ID = id("restaurant_id", "Restaurant id", "RS-", "{v}");
  static final ParamKind RES_DATE = date("date", "Reservation date", "on {v}", "for {v}");
  static final ParamKind RES_TIME = time("time", "Reservation time", "at {v}");
  static final ParamKind SPECIAL_REQUEST =
      en(
          "special_request",
          "Special request",
          new String[] {"window_seat", "high_chair", "quiet_table", "wheelchair_access"},
          "asking for {v}",
          "with {v}");
  static final ParamKind INGREDIENTS =
      arr(
          "ingredients",
          "Ingredients to use",
          str("ingredient", "Ingredient", Pools.INGREDIENTS),
          1,
          3,
          "with {v}",
          "using {v}");
  static final ParamKind MAX_MINUTES =
      integer(
          "max_minutes",
          "Maximum cooking minutes",
          10,
          90,
          "in under {v} minutes",
          "taking at most {v} minutes");
  static final ParamKind DIET =
      en(
          "diet",
          "Diet",
          new String[] {"vegetarian", "vegan", "keto", "gluten_free"},
          "that are {v}",
          "for a {v} diet");
  static final ParamKind FOOD = str("food", "Food name", Pools.FOODS, "for {v}", "of {v}");
  static final ParamKind GRAMS =
      integer("grams", "Portion in grams", 50, 500, "per {v} grams", "in {v} g");
  // ---------------------------------------------------------------- health
  static final ParamKind SPECIALTY =
      en(
          "specialty",
          "Medical specialty",
          new String[] {"dermatology", "cardiology", "pediatrics", "dentistry", "general"},
          "for {v}",
          "with a {v} doctor");
  static final ParamKind APPT_DATE = date("date", "Appointment date", "on {v}");
  static final ParamKind APPT_TIME = time("time", "Appointment time", "at {v}");
  static final ParamKind PATIENT_NAME =
      str("patient_name", "Patient full name", Pools.PEOPLE, "for {v}", "for patient {v}");
  static final ParamKind TELEHEALTH =
      bool(
          "telehealth",
          "Video visit",
          c("as a video call", "online"),
          c("in person", "at the clinic"));
  static final ParamKind APPOINTMENT_ID = id("appointment_id", "Appointment id", "AP-", "{v}");
  static final ParamKind ACTIVITY =
      en(
          "activity",
          "Workout type",
          new String[] {"running", "cycling", "swimming", "yoga", "rowing"},
          "of {v}",
          "doing {v}");
  static final ParamKind DURATION =
      integer(
          "duration_minutes",
          "Duration in minutes",
          10,
          180,
          "for {v} minutes",
          "lasting {v} minutes");
  static final ParamKind CALORIES_BURNED =
      integer("calories", "Calories burned", 50, 1500, "burning {v} calories", "with {v} kcal");
  static final ParamKind WORKOUT_DATE = date("date", "Workout date", "on {v}");
  // ---------------------------------------------------------------- productivity
  static final ParamKind TITLE =
      str("title", "Event title", Pools.EVENT_TITLES, "called {v}", "titled {v}");
  static final ParamKind EVENT_DATE = date("date", "Event date", "on {v}", "for {v}");
  static final ParamKind START_TIME = time("start_time", "Start time", "at {v}", "starting {v}");
  static final ParamKind ATTENDEES =
      arr(
          "attendees",
          "Attendee emails",
          str("email", "Email", Pools.EMAILS),
          1,
          3,
          "with {v}",
          "inviting {v}");
  static final ParamKind LOCATION_TEXT =
      str("location", "Where it takes place", Pools.CITIES, "in {v}", "located in {v}");
  static final ParamKind EVENT_ID = id("event_id", "Event id", "EV-", "{v}");
  static final ParamKind REMINDER_TEXT =
      str("text", "What to remind", Pools.REMINDERS, "to {v}", "saying {v}");
  static final ParamKind REMIND_AT = datetime("remind_at", "When to remind", "at {v}", "on {v}");
  static final ParamKind REPEAT =
      en(
          "repeat",
          "Repetition",
          new String[] {"never", "daily", "weekly", "monthly"},
          "repeating {v}",
          "{v}");
  static final ParamKind TO_EMAIL = str("to", "Recipient email", Pools.EMAILS, "to {v}");
  static final ParamKind SUBJECT =
      str("subject", "Email subject", Pools.SUBJECTS, "about {v}", "with subject {v}");
  static final ParamKind CC =
      arr(
          "cc",
          "Copied emails",
          str("email", "Email", Pools.EMAILS),
          1,
          2,
          "copying {v}",
          "cc {v}");
  static final ParamKind URGENT =
      bool(
          "urgent",
          "Mark as urgent",
          c("marked urgent", "as urgent"),
          c("not urgent", "as low priority"));
  // ---------------------------------------------------------------- entertainment
  static final ParamKind GENRE =
      en("genre", "Movie genre", Pools.GENRES, "in the {v} genre", "that are {v}");
  static final ParamKind RELEASE_YEAR =
      integer("year", "Release year", 1990, 2026, "from {v}", "released in {v}");
  static final ParamKind MOVIE_ID = id("movie_id", "Movie id", "MV-", "{v}");
  static final ParamKind MOVIE_TITLE =
      str("title", "Movie title", Pools.MOVIES, "for {v}", "titled {v}");
  static final ParamKind SHOW_DATE = date("date", "Show date", "on {v}");
  static final ParamKind SONG = str("song", "Song title", Pools.SONGS, "called {v}", "titled {v}");
  static final ParamKind ARTIST = str("artist", "Artist name", Pools.ARTISTS, "by {v}");
  static final ParamKind SHUFFLE =
      bool(
          "shuffle", "Shuffle play", c("on shuffle", "shuffled"), c("in order", "without shuffle"));
  static final ParamKind PLAYLIST_NAME =
      str(
          "name",
          "Playlist name",
          new String[] {"Road Trip", "Focus", "Workout Mix", "Sunday Chill", "Party"},
          "called {v}",
          "named {v}");
  static final ParamKind SONGS =
      arr(
          "songs",
          "Song titles",
          str("song", "Song", Pools.SONGS),
          2,
          3,
          "with {v}",
          "containing {v}");
  static final ParamKind PUBLIC =
      bool(
          "public",
          "Visible to everyone",
          c("public", "shared publicly"),
          c("private", "kept private"));
  // ---------------------------------------------------------------- transport
  static final ParamKind MODE =
      en(
          "mode",
          "Travel mode",
          new String[] {"driving", "walking", "cycling", "transit"},
          "by {v}",
          "{v}");
  static final ParamKind AVOID_TOLLS =
      bool(
          "avoid_tolls",
          "Avoid toll roads",
          c("avoiding tolls", "without toll roads"),
          c("tolls are fine", "toll roads allowed"));
  static final ParamKind PICKUP =
      obj(
          "pickup",
          "Pickup place",
          List.of(
              str("street", "Street and number", Pools.STREETS), str("city", "City", Pools.CITIES)),
          "from {street}, {city}",
          "picking me up at {street}, {city}");
  static final ParamKind DROPOFF =
      obj(
          "dropoff",
          "Drop-off place",
          List.of(
              str("street", "Street and number", Pools.STREETS), str("city", "City", Pools.CITIES)),
          "to {street}, {city}",
          "dropping me at {street}, {city}");
  static final ParamKind RIDE_TYPE =
      en(
          "ride_type",
          "Ride type",
          new String[] {"standard", "comfort", "xl", "green"},
          "a {v} ride",
          "type {v}");
  static final ParamKind SEATS =
      integer("seats", "Seats needed", 1, 6, "for {v} seats", "with {v} seats");
  static final ParamKind RIDE_ID = id("ride_id", "Ride id", "RD-", "{v}");
  static final ParamKind STATION =
      str(
          "station",
          "Station name",
          new String[] {"Central", "North Gate", "Harbour", "Old Town", "Airport", "University"},
          "at {v}",
          "from {v} station");
  static final ParamKind TRANSIT_MODE =
      en(
          "transit_mode",
          "Transit mode",
          new String[] {"bus", "tram", "metro", "train"},
          "by {v}",
          "{v} only");
  static final ParamKind LIMIT =
      integer("limit", "Maximum results", 1, 20, "up to {v}", "limit {v}");
  // ---------------------------------------------------------------- real estate, education,
  // sports, home, news, messaging
  static final ParamKind BEDROOMS =
      integer("bedrooms", "Minimum bedrooms", 1, 5, "with {v} bedrooms", "at least {v} bedrooms");
  static final ParamKind PROPERTY_TYPE =
      en(
          "property_type",
          "Kind of home",
          new String[] {"apartment", "house", "studio", "loft"},
          "of type {v}",
          "a {v}");
  static final ParamKind FURNISHED =
      bool(
          "furnished",
          "Furnished",
          c("furnished", "with furniture"),
          c("unfurnished", "without furniture"));
  static final ParamKind LISTING_ID = id("listing_id", "Listing id", "LS-", "{v}");
  static final ParamKind VIEW_DATE = date("date", "Viewing date", "on {v}");
  static final ParamKind VIEW_TIME = time("time", "Viewing time", "at {v}");
  static final ParamKind TOPIC = str("topic", "Course topic", Pools.TOPICS, "on {v}", "about {v}");
  static final ParamKind LEVEL =
      en(
          "level",
          "Course level",
          new String[] {"beginner", "intermediate", "advanced"},
          "for {v} level",
          "{v}");
  static final ParamKind LANGUAGE =
      en(
          "language",
          "Course language",
          new String[] {"english", "spanish", "french", "german"},
          "taught in {v}",
          "in {v}");
  static final ParamKind COURSE_ID = id("course_id", "Course id", "CR-", "{v}");
  static final ParamKind STUDENT_NAME =
      str("student_name", "Student full name", Pools.PEOPLE, "for {v}");
  static final ParamKind STUDENT_EMAIL =
      str("email", "Student email", Pools.EMAILS, "with email {v}", "using {v}");
  static final ParamKind ENROLLMENT_ID = id("enrollment_id", "Enrollment id", "EN-", "{v}");
  static final ParamKind BOOK_TOPIC =
      str("topic", "Book subject", Pools.TOPICS, "about {v}", "on {v}");
  static final ParamKind BOOK_FORMAT =
      en(
          "format",
          "Book format",
          new String[] {"print", "ebook", "audiobook"},
          "as {v}",
          "in {v} format");
  static final ParamKind AVAILABLE_ONLY =
      bool(
          "available_only",
          "Only books on the shelf",
          c("that are available", "on the shelf now"),
          c("even if on loan", "including borrowed ones"));
  static final ParamKind BOOK_ID = id("book_id", "Book id", "BO-", "{v}");
  static final ParamKind PICKUP_DATE =
      date("pickup_date", "Pickup day", "for pickup on {v}", "to collect on {v}");
  static final ParamKind DUE_DATE = date("due_date", "Return by");
  static final ParamKind TEAM = str("team", "Team name", Pools.TEAMS, "of the {v}", "for the {v}");
  static final ParamKind MATCH_DATE = date("date", "Match date", "on {v}");
  static final ParamKind LEAGUE =
      en(
          "league",
          "League",
          new String[] {"premier", "liga", "serie_a", "bundesliga", "mls"},
          "for {v}",
          "of the {v} league");
  static final ParamKind SEASON =
      integer("season", "Season start year", 2015, 2026, "for {v}", "in the {v} season");
  static final ParamKind TARGET_TEMP =
      num("temperature", "Target temperature", 16, 26, 1, "to {v}", "at {v} degrees");
  static final ParamKind ROOM = str("room", "Room name", Pools.ROOMS, "in the {v}", "for the {v}");
  static final ParamKind TEMP_UNIT =
      en("unit", "Temperature unit", new String[] {"celsius", "fahrenheit"}, "in {v}");
  static final ParamKind LIGHTS_ON =
      bool("on", "Lights on", c("on", "on now"), c("off", "off now"));
  static final ParamKind BRIGHTNESS =
      integer("brightness", "Brightness percent", 10, 100, "at {v} percent", "to {v}% brightness");
  static final ParamKind QUANTITY_VALUE = num("value", "Quantity to convert", 1, 500, 1, "{v}");
  static final ParamKind FROM_UNIT =
      en(
          "from_unit",
          "Unit of the value",
          new String[] {"km", "mi", "kg", "lb", "l", "gal"},
          "{v}",
          "from {v}");
  static final ParamKind TO_UNIT =
      en(
          "to_unit",
          "Unit wanted",
          new String[] {"km", "mi", "kg", "lb", "l", "gal"},
          "to {v}",
          "into {v}");
  static final ParamKind NEWS_TOPIC =
      en("topic", "News topic", Pools.NEWS_TOPICS, "about {v}", "on {v}");
  static final ParamKind CONTACT =
      str("contact", "Contact name", Pools.PEOPLE, "to {v}", "for {v}");
  static final ParamKind MESSAGE =
      str("message", "Message text", Pools.MESSAGES, "saying {v}", "with the text {v}");
  static final ParamKind MESSAGE_ID = id("message_id", "Message id", "MS-", "{v}");

  // ---------------------------------------------------------------- result fields
  static final ParamKind AIRLINE_PRICE = num("price", "Ticket price", 40, 1800, 2);
  static final ParamKind DEPART_TIME = time("departure_time", "Departure time");
  static final ParamKind TOTAL_PRICE = num("total_price", "Total price", 20, 5000, 2);
  static final ParamKind FLIGHT_STATE =
      en("status", "Flight status", new String[] {"on_time", "delayed", "boarding", "cancelled"});
  static final ParamKind GATE = str("gate", "Gate", new String[] {"A1", "B12", "C7", "D3", "E22"});
  static final ParamKind HOTEL_PRICE = num("price_per_night", "Price per night", 40, 900, 2);
  static final ParamKind RATING = num("rating", "Average rating", 1, 5, 1);
  static final ParamKind AIRPORT_CITY = str("city", "City served", Pools.CITIES);
  static final ParamKind TERMINALS = integer("terminals", "Number of terminals", 1, 6);
  static final ParamKind TEMPERATURE = num("temperature", "Temperature", -10, 38, 1);
  static final ParamKind CONDITION =
      en("condition", "Sky condition", new String[] {"sunny", "cloudy", "rain", "snow", "storm"});
  static final ParamKind AQI = integer("aqi", "Air quality index", 5, 300);
  static final ParamKind ALERT_COUNT = integer("alerts", "Active alerts", 0, 9);
  static final ParamKind CONVERTED = num("result", "Converted amount", 0, 100000, 2);
  static final ParamKind RATE = num("rate", "Exchange rate", 0.01, 200, 4);
  static final ParamKind CURRENCY_COUNT = integer("count", "Number of currencies", 20, 180);
  static final ParamKind PRICE = num("price", "Price", 1, 3000, 2);
  static final ParamKind CHANGE_PCT = num("change_percent", "Change in percent", -9, 9, 2);
  static final ParamKind POINTS = integer("points", "Number of data points", 1, 400);
  static final ParamKind PAY_STATE =
      en("status", "Payment status", new String[] {"sent", "pending", "completed"});
  static final ParamKind DELIVERY_DATE = date("delivery_date", "Expected delivery");
  static final ParamKind ORDER_STATE =
      en(
          "status",
          "Order status",
          new String[] {"processing", "shipped", "delivered", "cancelled"});
  static final ParamKind CONFIRMED = bool("confirmed", "Whether it is confirmed", null, null);
  static final ParamKind RECIPE_COUNT = integer("recipes", "Recipes found", 0, 40);
  static final ParamKind CALORIES = integer("calories", "Calories", 10, 900);
  static final ParamKind PROTEIN = num("protein_g", "Protein grams", 0, 60, 1);
  static final ParamKind WEEK_TOTAL = integer("week_minutes", "Minutes this week", 10, 900);
  static final ParamKind EVENT_COUNT = integer("events", "Events that day", 0, 12);
  static final ParamKind DELIVERED = bool("delivered", "Whether it was delivered", null, null);
  static final ParamKind SHOW_COUNT = integer("showtimes", "Number of showtimes", 0, 12);
  static final ParamKind PLAYING = bool("playing", "Whether playback started", null, null);
  static final ParamKind TRACK_COUNT = integer("tracks", "Tracks in the playlist", 1, 50);
  static final ParamKind RELEASE_YEAR_OUT = integer("year", "Release year", 1990, 2026);
  static final ParamKind DISTANCE_KM = num("distance_km", "Distance in km", 0.5, 900, 1);
  static final ParamKind MINUTES = integer("minutes", "Travel minutes", 2, 600);
  static final ParamKind ETA_MIN = integer("eta_minutes", "Minutes until pickup", 1, 30);
  static final ParamKind FARE = num("fare", "Estimated fare", 5, 150, 2);
  static final ParamKind DEPARTURE_COUNT = integer("departures", "Departures listed", 0, 20);
  static final ParamKind LIST_PRICE = num("price", "Listing price", 300, 2000000, 0);
  static final ParamKind SCORE =
      str("score", "Final score", new String[] {"1-0", "2-1", "0-0", "3-2", "1-1", "2-0"});
  static final ParamKind TEAM_COUNT = integer("teams", "Teams in the league", 10, 24);
  static final ParamKind ARTICLE_COUNT = integer("articles", "Articles returned", 0, 20);
  static final ParamKind TOPIC_COUNT = integer("topics", "Trending topics", 1, 20);
  static final ParamKind CONTACT_EMAIL = str("email", "Contact email", Pools.EMAILS);
}
