package dev.looptool.world.synth;

/** Realistic value pools, kept moderate so a small model sees each value often enough. */
final class Pools {
  private Pools() {}

  static final String[] CITIES = {
    "Paris", "Rome", "Berlin", "Madrid", "Lisbon", "London", "Oslo", "Vienna", "Prague", "Dublin",
    "Tokyo", "Seoul", "Sydney", "Toronto", "Chicago", "Boston", "Denver", "Austin", "Lima", "Cairo",
    "Nairobi", "Mumbai", "Bangkok", "Istanbul"
  };
  static final String[] COUNTRIES = {
    "France",
    "Italy",
    "Germany",
    "Spain",
    "Portugal",
    "Japan",
    "Canada",
    "Brazil",
    "Kenya",
    "India",
    "Mexico",
    "Norway"
  };
  static final String[] AIRPORTS = {
    "CDG", "FCO", "BER", "MAD", "LIS", "LHR", "OSL", "VIE", "PRG", "DUB", "HND", "ICN", "SYD",
    "YYZ", "ORD", "BOS", "DEN", "JFK", "SFO", "DXB"
  };
  static final String[] FLIGHT_NUMBERS = {
    "AF1234", "LH400", "BA117", "IB3170", "TP1352", "KL1002", "UA90", "DL405", "NH210", "QF1",
    "EK73"
  };
  static final String[] PEOPLE = {
    "Alice Martin", "Bruno Rossi", "Chen Wei", "Dana Cohen", "Emma Schmidt", "Farah Khan",
    "Gabriel Silva", "Hana Sato", "Ivan Petrov", "Julia Novak", "Kofi Mensah", "Laura Garcia",
    "Mohammed Ali", "Nina Larsen", "Omar Haddad", "Priya Patel"
  };
  static final String[] EMAILS = {
    "alice@example.com", "bruno@example.org", "chen.wei@example.net", "dana@example.com",
    "emma.s@example.org", "farah@example.com", "gabriel@example.net", "hana@example.com",
    "ivan.p@example.org", "julia@example.com", "team@example.com", "ops@example.org"
  };
  static final String[] PRODUCTS = {
    "wireless headphones",
    "running shoes",
    "coffee grinder",
    "yoga mat",
    "desk lamp",
    "mechanical keyboard",
    "water bottle",
    "backpack",
    "phone charger",
    "air fryer",
    "office chair",
    "electric kettle",
    "smart watch",
    "bluetooth speaker"
  };
  static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR"};
  static final String[] STOCKS = {
    "AAPL", "MSFT", "GOOGL", "AMZN", "TSLA", "NVDA", "META", "IBM", "SAP", "ASML"
  };
  static final String[] CUISINES = {
    "italian", "japanese", "mexican", "indian", "thai", "french", "vegan"
  };
  static final String[] GENRES = {
    "comedy", "drama", "action", "horror", "documentary", "animation"
  };
  static final String[] MOVIES = {
    "The Long Voyage",
    "Midnight Garden",
    "Silver Lines",
    "Ocean Drive",
    "The Last Orchard",
    "Paper Moons",
    "Northern Lights",
    "City of Glass"
  };
  static final String[] SONGS = {
    "Blue Horizon",
    "Golden Hour",
    "Night Train",
    "Paper Planes",
    "Summer Rain",
    "Electric Dreams",
    "Slow Dancing",
    "River Song"
  };
  static final String[] ARTISTS = {
    "Nora Vale", "The Wanderers", "Kai Moreno", "Luna Park", "Echo Avenue", "Miles Hart"
  };
  static final String[] TEAMS = {
    "Lions", "Falcons", "Rovers", "United", "Rangers", "Tigers", "Sharks", "Comets"
  };
  static final String[] TOPICS = {
    "machine learning",
    "photography",
    "spanish",
    "accounting",
    "public speaking",
    "web design",
    "statistics",
    "guitar"
  };
  static final String[] INGREDIENTS = {
    "chicken", "rice", "tomato", "spinach", "garlic", "tofu", "mushroom", "lentils", "eggs", "basil"
  };
  static final String[] ROOMS = {
    "kitchen", "living room", "bedroom", "office", "bathroom", "garage"
  };
  static final String[] STREETS = {
    "12 Baker Street",
    "8 Rue Cler",
    "45 Elm Avenue",
    "3 Via Roma",
    "77 King Road",
    "19 Harbour Lane"
  };
  static final String[] NEWS_TOPICS = {
    "business", "technology", "sports", "science", "health", "politics"
  };
  static final String[] SUBJECTS = {
    "Project update",
    "Meeting notes",
    "Invoice question",
    "Weekend plans",
    "Quarterly report",
    "Welcome aboard"
  };
  static final String[] EVENT_TITLES = {
    "Team standup",
    "Dentist",
    "Budget review",
    "Lunch with Sam",
    "Yoga class",
    "Client call",
    "Sprint planning"
  };
  static final String[] NOTES = {
    "rent share", "dinner", "concert tickets", "birthday gift", "taxi fare", "book club"
  };
  static final String[] REMINDERS = {
    "call mom",
    "water the plants",
    "pay the electricity bill",
    "pick up the laundry",
    "renew passport"
  };
  static final String[] FOODS = {
    "banana", "oatmeal", "almonds", "salmon", "brown rice", "greek yogurt", "avocado"
  };
  static final String[] MESSAGES = {
    "Running ten minutes late.",
    "See you at the office.",
    "Thanks for your help!",
    "Can we move it to Friday?",
    "The report is attached."
  };
}
