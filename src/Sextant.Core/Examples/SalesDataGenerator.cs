using System.Globalization;
using System.Text;

namespace Sextant.Examples;

/// <summary>
/// Writes a seeded synthetic copy of the public "Sample Sales Data" file (<c>sales_data_sample.csv</c>):
/// the same 25 columns and the same quirks, so that code written against the synthetic file reads the real one.
/// </summary>
/// <remarks>
/// Quirks reproduced: code page 850 bytes by default; <c>ORDERDATE</c> like <c>2/24/2003 0:00</c> from 2003-01 to
/// 2005-05; blanks in <c>ADDRESSLINE2</c> (about 89% of rows), <c>STATE</c> (about 53%) and <c>POSTALCODE</c>
/// (about 2.7%); the literal territory <c>NA</c> (North America) in about 38% of rows; <c>PRICEEACH</c> capped at
/// 100 while <c>SALES</c> is quantity times the uncapped unit price; <c>DEALSIZE</c> from <c>SALES</c>
/// (Small below 3000, Medium below 7000, else Large). Fields holding a comma or a quote are quoted (RFC 4180).
/// </remarks>
public static class SalesDataGenerator
{
    /// <summary>The 25 columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "ORDERNUMBER", "QUANTITYORDERED", "PRICEEACH", "ORDERLINENUMBER", "SALES", "ORDERDATE", "STATUS",
        "QTR_ID", "MONTH_ID", "YEAR_ID", "PRODUCTLINE", "MSRP", "PRODUCTCODE", "CUSTOMERNAME", "PHONE",
        "ADDRESSLINE1", "ADDRESSLINE2", "CITY", "STATE", "POSTALCODE", "COUNTRY", "TERRITORY",
        "CONTACTLASTNAME", "CONTACTFIRSTNAME", "DEALSIZE",
    ];

    /// <summary>The seven product lines.</summary>
    public static IReadOnlyList<string> ProductLines { get; } =
        ["Classic Cars", "Vintage Cars", "Motorcycles", "Trucks and Buses", "Planes", "Ships", "Trains"];

    /// <summary>The format of <c>ORDERDATE</c>, for <see cref="DateTime.ParseExact(string, string, IFormatProvider)"/>.</summary>
    public const string OrderDateFormat = "M/d/yyyy H:mm";

    /// <summary>The largest <c>PRICEEACH</c>: higher unit prices are written as this cap.</summary>
    public const decimal PriceCap = 100m;

    private const int FirstOrderNumber = 10100;
    private const int MaxLinesPerOrder = 18;
    private const int TargetCustomers = 92;
    private const double AddressLine2Share = 302.0 / 2823.0;
    private const double BlankPostalCodeShare = 76.0 / 2823.0;

    // Products per line (sums to 109, as the public file) and the median MSRP of the line.
    private static readonly int[] s_productsPerLine = [37, 24, 13, 11, 12, 9, 3];
    private static readonly double[] s_lineMedianMsrp = [118, 92, 100, 102, 90, 86, 80];
    private static readonly int[] s_productScales = [10, 12, 18, 24, 32, 50, 700, 72];

    // Weight of each month of the year; the public file peaks in October and November.
    private static readonly double[] s_monthWeights = [1.0, 1.0, 1.0, 1.0, 1.1, 0.9, 1.0, 1.2, 1.1, 1.7, 3.2, 1.0];

    private static readonly string[] s_addressLine2Values = ["Level 3", "Suite 101", "Suite 400", "Floor No. 4", "2nd Floor", "Level 15", "Suite 750"];

    private static readonly string[] s_placeTemplates =
    [
        "{0} Collectables", "{0} Souveniers", "{0} Gifts", "{0} Model Replicas", "{0} Diecast Classics",
        "{0} Hobbies", "{0} Classic Toys Co.", "{0} Auto Imports",
    ];

    private static readonly string[] s_nameTemplates =
    [
        "{0} Imports", "{0} Mini Imports", "{0} & Co.", "{0}, Co.", "{0} Toys Inc.", "{0} Auto Replicas, Ltd.",
        "{0} Scale Models", "{0} Wholesale Imports", "\"{0}\" Mini Classics",
    ];

    private static readonly Lazy<Encoding> s_codePage850 = new(CreateCodePage850);

    /// <summary>Generates the file's bytes (header and <see cref="SalesGeneratorOptions.Rows"/> data rows).</summary>
    /// <param name="options">The options; validated first.</param>
    /// <returns>The CSV bytes in the encoding the options name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static byte[] Generate(SalesGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var text = GenerateText(options);
        return GetEncoding(options.Encoding).GetBytes(text);
    }

    /// <summary>Generates the file and writes it to <paramref name="path"/> through a temp file and a rename.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">The options; validated first.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static Task WriteAsync(string path, SalesGeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = Generate(options);
        return GeneratedFile.WriteAsync(path, bytes, cancellationToken);
    }

    /// <summary>
    /// The <see cref="Encoding"/> of a <see cref="SalesFileEncoding"/>, for reading a generated file back.
    /// Registers the code pages provider when needed. Both encodings throw on bytes or characters they cannot map.
    /// </summary>
    /// <param name="encoding">The file encoding.</param>
    /// <returns>The encoding.</returns>
    public static Encoding GetEncoding(SalesFileEncoding encoding) => encoding switch
    {
        SalesFileEncoding.CodePage850 => s_codePage850.Value,
        SalesFileEncoding.Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Encoding must be CodePage850 or Utf8."),
    };

    private static Encoding CreateCodePage850()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(850, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static string GenerateText(SalesGeneratorOptions options)
    {
        var random = new Random(options.Seed);
        var products = CreateProducts(random);
        var customers = CreateCustomers(random);
        var orders = CreateOrders(random, options.Rows, customers);
        AssignSparseAddressFields(random, customers, orders, options.Rows);

        var csv = new CsvTextBuilder(options.UseCrLf ? "\r\n" : "\n");
        csv.Row(Columns);

        var productOrder = new int[products.Length];
        for (var i = 0; i < productOrder.Length; i++)
        {
            productOrder[i] = i;
        }

        foreach (var order in orders)
        {
            var customer = customers[order.Customer];
            var country = SalesCountry.All[customer.Country];

            // Distinct products within an order: a partial Fisher-Yates shuffle.
            for (var line = 0; line < order.Lines; line++)
            {
                var swap = line + random.Next(productOrder.Length - line);
                (productOrder[line], productOrder[swap]) = (productOrder[swap], productOrder[line]);
            }

            for (var line = 0; line < order.Lines; line++)
            {
                var product = products[productOrder[line]];
                var quantity = NextQuantity(random);
                var factor = customer.PriceFactor * (1.0 + random.NextGaussian(0, 0.07)) * (quantity >= 45 ? 0.97 : 1.0);
                var unitPrice = Math.Max(26.88m, Math.Round((decimal)(product.Msrp * factor), 2, MidpointRounding.AwayFromZero));
                var sales = quantity * unitPrice;
                var priceEach = Math.Min(unitPrice, PriceCap);

                csv.Field(order.Number)
                    .Field(quantity)
                    .Field(priceEach, "0.##")
                    .Field(line + 1)
                    .Field(sales, "0.##")
                    .Field(order.Date.ToString(OrderDateFormat, CultureInfo.InvariantCulture))
                    .Field(order.Status)
                    .Field(((order.Date.Month - 1) / 3) + 1)
                    .Field(order.Date.Month)
                    .Field(order.Date.Year)
                    .Field(ProductLines[product.Line])
                    .Field(product.Msrp)
                    .Field(product.Code)
                    .Field(customer.Name)
                    .Field(customer.Phone)
                    .Field(customer.AddressLine1)
                    .Field(customer.HasAddressLine2 ? customer.AddressLine2 : string.Empty)
                    .Field(customer.City)
                    .Field(customer.State)
                    .Field(customer.BlankPostalCode ? string.Empty : customer.PostalCode)
                    .Field(country.Name)
                    .Field(country.Territory)
                    .Field(customer.ContactLastName)
                    .Field(customer.ContactFirstName)
                    .Field(DealSize(sales));
                csv.EndRow();
            }
        }

        return csv.ToString();
    }

    /// <summary>The deal size the public file derives from SALES.</summary>
    internal static string DealSize(decimal sales) => sales switch
    {
        < 3000m => "Small",
        < 7000m => "Medium",
        _ => "Large",
    };

    private static int NextQuantity(Random random)
    {
        var draw = random.NextDouble();
        return draw switch
        {
            < 0.92 => random.Next(20, 51),
            < 0.97 => random.Next(6, 20),
            _ => random.Next(51, 98),
        };
    }

    private static Product[] CreateProducts(Random random)
    {
        var products = new List<Product>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var line = 0; line < s_productsPerLine.Length; line++)
        {
            for (var i = 0; i < s_productsPerLine[line]; i++)
            {
                string code;
                do
                {
                    code = string.Create(
                        CultureInfo.InvariantCulture,
                        $"S{random.Pick(s_productScales)}_{random.Next(1000, 5000)}");
                }
                while (!codes.Add(code));

                var msrp = (int)Math.Round(Math.Clamp(random.NextLogNormal(s_lineMedianMsrp[line], 0.38), 33, 214));
                products.Add(new Product(code, line, msrp));
            }
        }

        return [.. products.OrderBy(p => p.Code, StringComparer.Ordinal)];
    }

    private static Customer[] CreateCustomers(Random random)
    {
        var customers = new List<Customer>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < SalesCountry.All.Count; c++)
        {
            var country = SalesCountry.All[c];
            var count = Math.Max(1, (int)Math.Round(country.Share * TargetCustomers));
            for (var i = 0; i < count; i++)
            {
                // The first customer of a country takes its first city and surname, where the accents are.
                var (city, state) = i == 0 ? country.Cities[0] : random.Pick(country.Cities);
                var lastName = i == 0 ? country.LastNames[0] : random.Pick(country.LastNames);
                var firstName = random.Pick(country.FirstNames);
                var name = NextCustomerName(random, city, lastName, names);
                customers.Add(new Customer
                {
                    Name = name,
                    Country = c,
                    City = city,
                    State = state,
                    Phone = FillPattern(random, country.PhonePattern),
                    PostalCode = country.PostalPattern is null ? string.Empty : FillPattern(random, country.PostalPattern),
                    AddressLine1 = random.Pick(country.Streets).Replace(
                        "{n}", random.Next(1, 900).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                    AddressLine2 = random.Pick(s_addressLine2Values),
                    ContactLastName = lastName,
                    ContactFirstName = firstName,
                    Weight = random.NextLogNormal(1.0, 0.8),
                    PriceFactor = Math.Clamp(random.NextGaussian(1.0, 0.05), 0.85, 1.15),
                    BlankPostalCode = country.PostalPattern is null,
                });
            }
        }

        return [.. customers];
    }

    private static string NextCustomerName(Random random, string city, string lastName, HashSet<string> names)
    {
        for (var attempt = 0; ; attempt++)
        {
            var usePlace = random.NextBool(0.5);
            var template = usePlace ? random.Pick(s_placeTemplates) : random.Pick(s_nameTemplates);
            var name = string.Format(CultureInfo.InvariantCulture, template, usePlace ? city : lastName);
            if (attempt > 20)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{name} {attempt}");
            }

            if (names.Add(name))
            {
                return name;
            }
        }
    }

    private static string FillPattern(Random random, string pattern)
    {
        var chars = pattern.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '#' => (char)('0' + random.Next(10)),
                '@' => (char)('A' + random.Next(26)),
                _ => chars[i],
            };
        }

        return new string(chars);
    }

    private static List<Order> CreateOrders(Random random, int rows, Customer[] customers)
    {
        // Order sizes first, so that dates can be drawn, sorted and numbered in date order.
        var sizes = new List<int>();
        for (var remaining = rows; remaining > 0;)
        {
            var size = Math.Min(remaining, random.Next(1, MaxLinesPerOrder + 1));
            sizes.Add(size);
            remaining -= size;
        }

        var dates = new DateTime[sizes.Count];
        var months = MonthCalendar();
        Span<double> monthWeights = stackalloc double[months.Length];
        for (var i = 0; i < months.Length; i++)
        {
            var yearGrowth = months[i].Year switch
            {
                2003 => 1.0,
                2004 => 1.25,
                _ => 1.3,
            };
            monthWeights[i] = s_monthWeights[months[i].Month - 1] * yearGrowth;
        }

        for (var i = 0; i < dates.Length; i++)
        {
            var month = months[random.NextWeightedIndex(monthWeights)];
            var firstDay = month.Year == 2003 && month.Month == 1 ? 6 : 1;
            dates[i] = new DateTime(month.Year, month.Month, random.Next(firstDay, DateTime.DaysInMonth(month.Year, month.Month) + 1), 0, 0, 0, DateTimeKind.Unspecified);
        }

        Array.Sort(dates);

        // Countries are drawn in proportion to how far each lags its target share of rows, which keeps
        // the territory and blank-state rates close to the public file's for any seed.
        var countryRows = new double[SalesCountry.All.Count];
        Span<double> countryWeights = stackalloc double[SalesCountry.All.Count];
        var customersByCountry = customers
            .Select((customer, index) => (customer, index))
            .GroupBy(pair => pair.customer.Country)
            .ToDictionary(
                group => group.Key,
                group => (Indexes: group.Select(pair => pair.index).ToArray(), Weights: group.Select(pair => pair.customer.Weight).ToArray()));

        var orders = new List<Order>(sizes.Count);
        var rowsSoFar = 0;
        for (var i = 0; i < sizes.Count; i++)
        {
            var size = sizes[i];
            var anyLagging = false;
            for (var c = 0; c < countryWeights.Length; c++)
            {
                countryWeights[c] = Math.Max(0, (SalesCountry.All[c].Share * (rowsSoFar + size)) - countryRows[c]);
                anyLagging |= countryWeights[c] > 0;
            }

            if (!anyLagging)
            {
                for (var c = 0; c < countryWeights.Length; c++)
                {
                    countryWeights[c] = SalesCountry.All[c].Share;
                }
            }

            var country = random.NextWeightedIndex(countryWeights);
            var candidates = customersByCountry[country];
            var customer = candidates.Indexes[random.NextWeightedIndex(candidates.Weights)];
            countryRows[country] += size;
            rowsSoFar += size;

            var status = i >= sizes.Count - Math.Max(1, sizes.Count / 40) && random.NextBool(0.7)
                ? "In Process"
                : NextStatus(random);
            orders.Add(new Order(FirstOrderNumber + i, dates[i], size, customer, status));
        }

        return orders;
    }

    private static string NextStatus(Random random) => random.NextDouble() switch
    {
        < 0.020 => "Cancelled",
        < 0.037 => "Resolved",
        < 0.053 => "On Hold",
        < 0.058 => "Disputed",
        _ => "Shipped",
    };

    private static (int Year, int Month)[] MonthCalendar()
    {
        var months = new List<(int Year, int Month)>();
        for (var year = 2003; year <= 2005; year++)
        {
            var lastMonth = year == 2005 ? 5 : 12;
            for (var month = 1; month <= lastMonth; month++)
            {
                months.Add((year, month));
            }
        }

        return [.. months];
    }

    /// <summary>
    /// Picks which customers have a second address line and which lack a postal code so that the shares of
    /// rows come out near the public file's (about 11% and 2.7%), whatever the seed.
    /// </summary>
    private static void AssignSparseAddressFields(Random random, Customer[] customers, List<Order> orders, int rows)
    {
        var rowsPerCustomer = new int[customers.Length];
        foreach (var order in orders)
        {
            rowsPerCustomer[order.Customer] += order.Lines;
        }

        var shuffled = Enumerable.Range(0, customers.Length).ToArray();
        random.Shuffle(shuffled);

        var addressLine2Target = (int)Math.Round(AddressLine2Share * rows);
        var addressLine2Rows = 0;
        foreach (var index in shuffled)
        {
            var count = rowsPerCustomer[index];
            if (count > 0 && addressLine2Rows + count <= addressLine2Target)
            {
                customers[index].HasAddressLine2 = true;
                addressLine2Rows += count;
            }
        }

        var blankPostalTarget = (int)Math.Round(BlankPostalCodeShare * rows);
        var blankPostalRows = 0;
        for (var i = 0; i < customers.Length; i++)
        {
            if (customers[i].BlankPostalCode)
            {
                blankPostalRows += rowsPerCustomer[i];
            }
        }

        random.Shuffle(shuffled);
        foreach (var index in shuffled)
        {
            var count = rowsPerCustomer[index];
            if (count > 0 && !customers[index].BlankPostalCode && blankPostalRows + count <= blankPostalTarget)
            {
                customers[index].BlankPostalCode = true;
                blankPostalRows += count;
            }
        }
    }

    private sealed record Product(string Code, int Line, int Msrp);

    private sealed record Order(int Number, DateTime Date, int Lines, int Customer, string Status);

    private sealed class Customer
    {
        public required string Name { get; init; }

        public required int Country { get; init; }

        public required string City { get; init; }

        public required string State { get; init; }

        public required string Phone { get; init; }

        public required string PostalCode { get; init; }

        public required string AddressLine1 { get; init; }

        public required string AddressLine2 { get; init; }

        public required string ContactLastName { get; init; }

        public required string ContactFirstName { get; init; }

        public required double Weight { get; init; }

        public required double PriceFactor { get; init; }

        public bool HasAddressLine2 { get; set; }

        public bool BlankPostalCode { get; set; }
    }
}
