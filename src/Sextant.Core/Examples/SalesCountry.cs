namespace Sextant.Examples;

/// <summary>
/// What the sales generator knows of one of the 19 countries of the public sales file: its share of
/// order lines, territory, places and the shapes of its phone numbers and postal codes.
/// </summary>
/// <remarks>
/// In patterns '#' is a digit and '@' an upper-case letter. A <see langword="null"/> postal pattern
/// means the country's customers have no postal code (Ireland in the public file).
/// Names carry the accents the public file is known for, so that code page 850 matters.
/// </remarks>
internal sealed record SalesCountry(
    string Name,
    string Territory,
    double Share,
    (string City, string State)[] Cities,
    string? PostalPattern,
    string PhonePattern,
    string[] Streets,
    string[] LastNames,
    string[] FirstNames)
{
    /// <summary>The 19 countries; shares sum to 1 and follow the public file's row counts.</summary>
    public static IReadOnlyList<SalesCountry> All { get; } =
    [
        new(
            "USA", "NA", 0.356,
            [
                ("NYC", "NY"), ("San Francisco", "CA"), ("Boston", "MA"), ("New Haven", "CT"), ("Philadelphia", "PA"),
                ("Las Vegas", "NV"), ("Newark", "NJ"), ("Nashua", "NH"), ("San Rafael", "CA"), ("Los Angeles", "CA"),
                ("Glendale", "CA"), ("Cambridge", "MA"), ("White Plains", "NY"), ("Allentown", "PA"), ("Burlingame", "CA"),
                ("Pasadena", "CA"), ("San Jose", "CA"), ("Burbank", "CA"), ("Brickhaven", "MA"), ("Bridgewater", "CT"),
            ],
            "#####", "###555####",
            ["{n} Long Airport Avenue", "{n} Hillside Drive", "{n} Pine Street", "{n} Maple Court", "{n} Harbor Boulevard", "{n} Oak Ridge Road", "{n} Seventh Avenue", "{n} Elm Street"],
            ["Young", "Brown", "Frick", "Murphy", "King", "Hirano", "Nelson", "Thompson", "Taylor", "Yu", "Peña", "Hernández", "Chandler", "Franco"],
            ["Julie", "Valarie", "Michael", "Leslie", "Steve", "Kwai", "Juri", "Sue", "Rosa", "Violeta", "Dan", "Marta", "Jeff"]),
        new(
            "Spain", "EMEA", 0.121,
            [("Logroño", ""), ("Madrid", ""), ("Barcelona", ""), ("Sevilla", ""), ("Bilbao", ""), ("Córdoba", "")],
            "#####", "(91) 555 ## ##",
            ["C/ Moralzarzal, {n}", "Gran Vía, {n}", "C/ Araquil, {n}", "Rambla de Cataluña, {n}"],
            ["Díaz", "Muñoz", "Freyre", "Sommer", "Pérez", "García", "Martín", "Roel"],
            ["Diego", "José", "Eduardo", "María", "Jesús", "Alejandra", "Martín"]),
        new(
            "France", "EMEA", 0.111,
            [("Paris", ""), ("Lyon", ""), ("Reims", ""), ("Nantes", ""), ("Marseille", ""), ("Strasbourg", ""), ("Toulouse", ""), ("Versailles", "")],
            "#####", "##.##.####",
            ["{n}, rue Royale", "{n}, place Kléber", "{n}, boulevard Charonne", "{n}, rue des Bouchers", "{n}, avenue de l'Europe"],
            ["Fresnière", "Labrune", "Citeaux", "Saveley", "Perrier", "Lefèvre", "Rancé", "Bertrand", "Josse"],
            ["Janine", "Martine", "Frédérique", "Annette", "Daniel", "Laurence", "Dominique", "Hélène", "Aurélie"]),
        new(
            "Australia", "APAC", 0.066,
            [("Melbourne", "Victoria"), ("North Sydney", "NSW"), ("Chatswood", "NSW"), ("South Brisbane", "Queensland"), ("Glen Waverly", "Victoria")],
            "####", "0# #### ####",
            ["{n} Malcolm Ave.", "Monitor Money Building, {n} Walker Street", "{n} Barrack Street", "{n} Collins Street"],
            ["Ferguson", "Calaghan", "Huxley", "O'Hara", "Connery"],
            ["Peter", "Tony", "Adrian", "Anna", "Sean"]),
        new(
            "UK", "EMEA", 0.051,
            [("London", ""), ("Manchester", ""), ("Liverpool", ""), ("Cowes", ""), ("Bristol", "")],
            "@@# #@@", "(171) 555-####",
            ["{n} Berkeley Gardens", "{n} Hanover Sq.", "{n} Garden House Crowther Way", "{n} Baker Street"],
            ["Ashworth", "Devon", "Brown", "Hardy", "Bennett", "Smith"],
            ["Victoria", "Elizabeth", "Thomas", "Ann", "Helen"]),
        new(
            "Italy", "EMEA", 0.040,
            [("Bergamo", ""), ("Milano", ""), ("Torino", ""), ("Reggio Emilia", ""), ("Napoli", "")],
            "#####", "0##-######",
            ["Via Ludovico il Moro {n}", "Strada Provinciale {n}", "Via Monte Bianco {n}"],
            ["Accorti", "Moroni", "Rovelli", "Ricotti", "Bianchi"],
            ["Paolo", "Maurizio", "Giovanni", "Francesca"]),
        new(
            "Finland", "EMEA", 0.033,
            [("Jyväskylä", ""), ("Helsinki", ""), ("Espoo", ""), ("Oulu", "")],
            "#####", "9#-### ####",
            ["Keskuskatu {n}", "Torikatu {n}", "Mannerheimintie {n}"],
            ["Mäkinen", "Koskitalo", "Suominen", "Karttunen"],
            ["Päivi", "Pirkko", "Matti", "Jyrki"]),
        new(
            "Norway", "EMEA", 0.030,
            [("Tromsø", ""), ("Oslo", ""), ("Bergen", ""), ("Stavern", ""), ("Trondheim", "")],
            "N ####", "07-## ####",
            ["Erling Skakkes gate {n}", "Drammensveien {n}", "Brehmen St. {n}"],
            ["Ødegård", "Bergulfsen", "Hansen", "Larsen"],
            ["Jonas", "Ingrid", "Veysel", "Åse"]),
        new(
            "Singapore", "APAC", 0.028,
            [("Singapore", "")],
            "######", "+65 ### ####",
            ["Bronz Sok., {n}", "{n} Orchard Road", "{n} Raffles Place"],
            ["Natividad", "Tan", "Victorino", "Lim"],
            ["Eric", "Wendy", "Mei"]),
        new(
            "Canada", "NA", 0.025,
            [("Vancouver", "BC"), ("Montréal", "Québec"), ("Tsawassen", "BC"), ("Toronto", "ON")],
            "@#@ #@#", "(###) 555-####",
            ["{n} Tsawassen Blvd.", "{n} rue Saint-Denis", "{n} Bay Street"],
            ["Tannamuri", "Fresnière", "Lincoln", "Tremblay", "Gagné"],
            ["Yoshi", "Elizabeth", "Jean", "Hélène", "Marc"]),
        new(
            "Denmark", "EMEA", 0.022,
            [("København", ""), ("Århus", ""), ("Odense", "")],
            "####", "## ## ####",
            ["Vinbæltet {n}", "Smagsløget {n}", "Strøget {n}"],
            ["Petersen", "Ibsen", "Sørensen", "Jensen"],
            ["Jytte", "Palle", "Søren", "Mette"]),
        new(
            "Germany", "EMEA", 0.022,
            [("München", ""), ("Köln", ""), ("Frankfurt", ""), ("Münster", ""), ("Brandenburg", "")],
            "#####", "0###-## ####",
            ["Berliner Platz {n}", "Mehrheimerstr. {n}", "Taucherstraße {n}"],
            ["Müller", "Schröder", "Keitel", "Pfalzheim", "Ottlieb"],
            ["Henriette", "Roland", "Jürgen", "Renate", "Horst"]),
        new(
            "Sweden", "EMEA", 0.020,
            [("Luleå", ""), ("Göteborg", ""), ("Bräcke", ""), ("Stockholm", ""), ("Malmö", "")],
            "S-### ##", "0###-## ####",
            ["Berguvsvägen {n}", "Åkergatan {n}", "Drottninggatan {n}"],
            ["Berglund", "Larsson", "Åkesson", "Löfgren"],
            ["Christina", "Maria", "Åsa", "Anders"]),
        new(
            "Austria", "EMEA", 0.019,
            [("Salzburg", ""), ("Graz", ""), ("Wien", ""), ("Innsbruck", "")],
            "####", "####-####",
            ["Geislweg {n}", "Kirchgasse {n}", "Mariahilfer Straße {n}"],
            ["Jäger", "Pipps", "Gruber", "Schmitt"],
            ["Georg", "Käthe", "Günther", "Paula"]),
        new(
            "Japan", "Japan", 0.018,
            [("Minato-ku", "Tokyo"), ("Osaka", "Osaka"), ("Chiyoda-ku", "Tokyo")],
            "###-####", "+81 # #### ####",
            ["{n}-6 Hanazono-cho", "Dojima Avanza {n}F", "{n}-4 Kitahama"],
            ["Shimamura", "Kentary", "Kitagawa", "Tanaka"],
            ["Akiko", "Mory", "Kenji", "Yumi"]),
        new(
            "Belgium", "EMEA", 0.012,
            [("Bruxelles", ""), ("Charleroi", ""), ("Liège", "")],
            "B-####", "(0#) ### ## ##",
            ["Boulevard Tirou, {n}", "Rue Joseph-Bens {n}", "Rue de la Loi {n}"],
            ["Dewey", "Cartrain", "Lemaître"],
            ["Catherine", "Pascale", "Hélène"]),
        new(
            "Switzerland", "EMEA", 0.011,
            [("Genève", ""), ("Bern", ""), ("Zürich", "")],
            "####", "0###-######",
            ["Grenzacherweg {n}", "Hauptstr. {n}", "Rue du Rhône {n}"],
            ["Holz", "Rüegg", "Favre"],
            ["Michael", "Jörg", "Céline"]),
        new(
            "Philippines", "Japan", 0.009,
            [("Makati City", ""), ("Pasig City", "")],
            "####", "+63 2 555 ####",
            ["{n} Ayala Avenue", "{n} Ortigas Avenue"],
            ["Cruz", "Santos", "Peña"],
            ["Arnold", "María", "Jose"]),
        new(
            "Ireland", "EMEA", 0.006,
            [("Dublin", ""), ("Cork", "")],
            null, "#### 555",
            ["{n} Fitzwilliam Square", "{n} Grafton Street"],
            ["McKenna", "O'Brien", "Byrne"],
            ["Patricia", "Sean", "Siobhán"]),
    ];
}
