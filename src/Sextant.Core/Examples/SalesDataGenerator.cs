using System.Globalization;
using System.Text;

namespace Sextant.Examples;

/// <summary>
/// Synthetic order lines with the shape and quirks of the public "Sample Sales Data" file: 25 columns, code page 850
/// bytes, <c>M/d/yyyy H:mm</c> dates, blank ADDRESSLINE2/STATE/POSTALCODE, the literal territory <c>NA</c>,
/// PRICEEACH capped at 100 while SALES uses the real unit price. Same options, same bytes.
/// </summary>
public static class SalesDataGenerator
{
    /// <summary>The 25 columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "ORDERNUMBER", "QUANTITYORDERED", "PRICEEACH", "ORDERLINENUMBER", "SALES", "ORDERDATE", "STATUS", "QTR_ID", "MONTH_ID", "YEAR_ID",
        "PRODUCTLINE", "MSRP", "PRODUCTCODE", "CUSTOMERNAME", "PHONE", "ADDRESSLINE1", "ADDRESSLINE2", "CITY", "STATE", "POSTALCODE",
        "COUNTRY", "TERRITORY", "CONTACTLASTNAME", "CONTACTFIRSTNAME", "DEALSIZE",
    ];

    /// <summary>The 7 product lines.</summary>
    public static readonly IReadOnlyList<string> ProductLines = ["Classic Cars", "Vintage Cars", "Motorcycles", "Trucks and Buses", "Planes", "Ships", "Trains"];

    // Country, territory, state-or-empty, weight (rows), cities.
    private static readonly (string Country, string Territory, string[] States, double Weight, string[] Cities)[] s_countries =
    [
        ("USA", "NA", ["CA", "NY", "MA", "PA", "CT", "NH", "NV", "NJ"], 35.5, ["San Francisco", "NYC", "Boston", "Philadelphia", "New Haven", "Nashua", "Las Vegas", "Newark"]),
        ("Canada", "NA", ["BC", "Québec"], 2.5, ["Vancouver", "Montréal"]),
        ("Spain", "EMEA", [], 12.0, ["Madrid", "Barcelona", "Sevilla"]),
        ("France", "EMEA", [], 11.0, ["Paris", "Reims", "Nantes", "Lyon"]),
        ("Australia", "APAC", ["NSW", "Victoria", "Queensland"], 6.5, ["Melbourne", "Sydney", "Brisbane"]),
        ("UK", "EMEA", [], 5.0, ["London", "Manchester", "Liverpool"]),
        ("Italy", "EMEA", [], 4.0, ["Torino", "Bergamo", "Reggio Emilia"]),
        ("Finland", "EMEA", [], 3.5, ["Helsinki", "Oulu", "Espoo"]),
        ("Norway", "EMEA", [], 2.7, ["Stavern", "Bergen", "Oslo"]),
        ("Singapore", "Japan", [], 2.8, ["Singapore"]),
        ("Denmark", "EMEA", [], 2.2, ["København", "Århus"]),
        ("Germany", "EMEA", [], 2.2, ["Frankfurt", "München", "Köln"]),
        ("Sweden", "EMEA", [], 2.0, ["Luleå", "Bräcke"]),
        ("Austria", "EMEA", [], 2.0, ["Salzburg", "Graz"]),
        ("Japan", "Japan", [], 1.8, ["Tokyo", "Osaka"]),
        ("Switzerland", "EMEA", [], 1.1, ["Genève", "Zürich"]),
        ("Belgium", "EMEA", [], 1.2, ["Bruxelles", "Charleroi"]),
        ("Philippines", "Japan", [], 0.9, ["Makati City"]),
        ("Ireland", "EMEA", [], 0.6, ["Dublin"]),
    ];

    private static readonly string[] s_companyWords =
    [
        "Mädchen", "Corrida", "Niño", "Euro+", "Diecast", "Mini", "Land of", "Toys", "Gifts", "Collectables", "Replicas", "Classics",
        "Souveniers", "Händler", "Auto", "Models", "Imports", "Wholesale", "Volvo", "Bavarian", "Suominen", "Alpha", "La Rochelle", "Royale",
    ];

    private static readonly string[] s_suffixes = ["Co.", "Ltd", "Inc.", "Ltd.", "& Co", "Distributors", "Exchange", "Shop"];
    private static readonly string[] s_lastNames = ["Müller", "Fernández", "Peña", "Jiménez", "Björk", "Ibáñez", "Frick", "Young", "Brown", "Nelson", "Pipps", "Ashworth", "Dupont", "Lefèvre", "Saveley", "Citeaux", "Koskitalo", "Sørensen", "Larsson", "Åkesson"];
    private static readonly string[] s_firstNames = ["Jesús", "Inés", "Martín", "Zoë", "Björn", "Sue", "Julie", "Michael", "Valarie", "Peter", "Mary", "Jean", "Leslie", "Françoise", "Pirkko", "Jonas", "Annette", "Diego", "Wendy", "Eric"];
    private static readonly string[] s_statuses = ["Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Shipped", "Cancelled", "Resolved", "On Hold", "In Process", "Disputed"];

    /// <summary>CSV bytes for <paramref name="options"/>.</summary>
    public static byte[] Generate(SalesGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var random = new Random(options.Seed);
        var products = Products(random);
        var customers = Customers(random);
        var totalWeight = customers.Sum(c => c.Weight);

        var csv = new CsvBuilder("\n");
        csv.Line([.. Columns]);
        var rows = 0;
        var order = 10100;
        var start = new DateTime(2003, 1, 6, 0, 0, 0, DateTimeKind.Unspecified);
        var days = (new DateTime(2005, 5, 31, 0, 0, 0, DateTimeKind.Unspecified) - start).Days;
        while (rows < options.Rows)
        {
            var customer = Pick(customers, random.NextDouble() * totalWeight);
            var date = start.AddDays(random.Next(days + 1));
            var status = s_statuses[random.Next(s_statuses.Length)];
            var lines = Math.Min(1 + random.Next(18), options.Rows - rows);
            var discount = 0.9 + (random.NextDouble() * 0.25);
            for (var line = 1; line <= lines; line++)
            {
                var product = products[random.Next(products.Length)];
                var quantity = 6 + random.Next(45) + (random.NextDouble() < 0.04 ? random.Next(50) : 0);
                var unit = Math.Round(product.Msrp * discount * (1 + (0.08 * CsvBuilder.Normal(random))), 2);
                unit = Math.Max(unit, 26.88);
                var sales = Math.Round(quantity * unit, 2);
                var priceEach = Math.Min(unit, 100);
                var dealSize = sales < 3000 ? "Small" : sales < 7000 ? "Medium" : "Large";
                csv.Add(order).Add(quantity).Add(priceEach).Add(line).Add(sales)
                    .Add(date.ToString("M/d/yyyy H:mm", CultureInfo.InvariantCulture)).Add(status)
                    .Add(((date.Month - 1) / 3) + 1).Add(date.Month).Add(date.Year)
                    .Add(product.Line).Add(product.Msrp, "0").Add(product.Code)
                    .Add(customer.Name).Add(customer.Phone).Add(customer.Address1).Add(customer.Address2)
                    .Add(customer.City).Add(customer.State).Add(customer.PostalCode)
                    .Add(customer.Country).Add(customer.Territory).Add(customer.LastName).Add(customer.FirstName).Add(dealSize);
                csv.EndLine();
                rows++;
            }

            order++;
        }

        return csv.ToBytes(Encoding.GetEncoding(options.CodePage == 65001 ? 65001 : options.CodePage));
    }

    private static (string Code, string Line, double Msrp)[] Products(Random random)
    {
        // Per product line, a band of MSRP: about half the products list above 100, so PRICEEACH is often capped.
        (double Low, double High)[] bands = [(60, 214), (33, 170), (60, 193), (50, 140), (50, 160), (54, 122), (58, 100)];
        var list = new List<(string, string, double)>();
        for (var l = 0; l < ProductLines.Count; l++)
        {
            var count = 8 + random.Next(10);
            for (var p = 0; p < count; p++)
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"S{10 + (random.Next(9) * 6)}_{1000 + random.Next(9000)}");
                list.Add((code, ProductLines[l], Math.Round(bands[l].Low + (random.NextDouble() * (bands[l].High - bands[l].Low)))));
            }
        }

        return [.. list];
    }

    private sealed record Customer(string Name, string Phone, string Address1, string Address2, string City, string State, string PostalCode, string Country, string Territory, string LastName, string FirstName, double Weight);

    private static Customer[] Customers(Random random)
    {
        var list = new List<Customer>();
        foreach (var (country, territory, states, weight, cities) in s_countries)
        {
            var count = Math.Max(1, (int)Math.Round(weight / 2.5));
            for (var i = 0; i < count; i++)
            {
                var name = $"{s_companyWords[random.Next(s_companyWords.Length)]} {s_companyWords[random.Next(s_companyWords.Length)]}";
                name += random.NextDouble() < 0.3 ? $", {s_suffixes[random.Next(s_suffixes.Length)]}" : $" {s_suffixes[random.Next(s_suffixes.Length)]}";
                var city = cities[i % cities.Length];
                var state = states.Length > 0 ? states[i % states.Length] : "";
                // As in the public file, second address lines belong to a few countries' customers (about 11% of rows)
                // and a few customers have no postal code (about 3% of rows).
                var address2 = country is "Australia" or "UK" ? $"Level {1 + random.Next(15)}" : "";
                var postal = country is "Ireland" or "Philippines" or "Japan" ? "" : (10000 + random.Next(89999)).ToString(CultureInfo.InvariantCulture);
                var phone = string.Create(CultureInfo.InvariantCulture, $"{random.Next(100, 999)}.{random.Next(100, 999)}.{random.Next(1000, 9999)}");
                var address1 = string.Create(CultureInfo.InvariantCulture, $"{1 + random.Next(9000)} {s_lastNames[random.Next(s_lastNames.Length)]} Str.");
                list.Add(new Customer(name, phone, address1, address2, city, state, postal, country, territory,
                    s_lastNames[random.Next(s_lastNames.Length)], s_firstNames[random.Next(s_firstNames.Length)], weight / count));
            }
        }

        return [.. list];
    }

    private static Customer Pick(Customer[] customers, double u)
    {
        foreach (var c in customers)
        {
            u -= c.Weight;
            if (u <= 0)
            {
                return c;
            }
        }

        return customers[^1];
    }
}
