using System.Globalization;
using System.Text;

namespace Sextant.Examples;

/// <summary>
/// Writes a seeded synthetic daily wholesale price series per item, shaped like the supermarket vegetable data
/// (2023 CUMCM problem C): one row per item and day, UTF-8 without a byte-order mark, LF line endings.
/// </summary>
/// <remarks>
/// Each item's log price has a trend, a yearly and a weekly cycle, autocorrelated noise and occasional spikes
/// that decay over days; items skip single days at random and now and then whole stretches (out of season).
/// The quantity sold falls when the price rises above the item's usual level and rises at weekends.
/// Rows are ordered by date, then item code.
/// </remarks>
public static class ProduceDataGenerator
{
    /// <summary>The 6 columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["date", "item_code", "item_name", "category", "wholesale_price", "quantity_kg"];

    /// <summary>The format of <c>date</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    private const string FlowerLeaf = "Flower/Leaf Vegetables";
    private const string Cabbage = "Cabbage";
    private const string Aquatic = "Aquatic Tuberous Vegetables";
    private const string Solanum = "Solanum";
    private const string Capsicum = "Capsicum";
    private const string Mushroom = "Edible Mushroom";

    // Ordered so that the first six cover every category and the first twelve two of each where possible.
    private static readonly CatalogItem[] s_catalog =
    [
        new(102900005116714, "Broccoli", Cabbage, 6.8, 28),
        new(102900005115823, "Wawacai", FlowerLeaf, 3.7, 45),
        new(102900005116899, "Net Lotus Root (1)", Aquatic, 5.4, 22),
        new(102900005116257, "Eggplant (2)", Solanum, 5.4, 12),
        new(102900005118831, "Wuhu Green Pepper (1)", Capsicum, 4.7, 20),
        new(102900005116530, "Xixia Mushroom (1)", Mushroom, 12.0, 9),
        new(102900005115960, "Shanghaiqing", FlowerLeaf, 4.1, 18),
        new(102900005116837, "Ping Mushroom", Mushroom, 4.9, 14),
        new(102900011016701, "Luosi Pepper", Capsicum, 6.6, 15),
        new(102900005116509, "Green Eggplant (1)", Solanum, 5.1, 6),
        new(102900011000632, "Purple Cabbage (1)", Cabbage, 4.5, 8),
        new(102900005115779, "Yunnan Shengcai", FlowerLeaf, 4.9, 24),
        new(102900011001691, "Water Chestnut (Lingjiao)", Aquatic, 8.5, 5),
        new(102900005116219, "Red Hot Peppers", Capsicum, 9.0, 6),
        new(102900005116547, "Needle Mushroom (1)", Mushroom, 2.2, 20),
        new(102900005115762, "Amaranth", FlowerLeaf, 3.9, 10),
        new(102900011009970, "Qinggengsanhua", Cabbage, 5.0, 7),
        new(102900011000335, "Round Eggplant", Solanum, 4.8, 5),
        new(102900005116226, "Green Hot Peppers", Capsicum, 6.0, 8),
        new(102900005117353, "The White Mushroom (Bag)", Mushroom, 4.2, 12),
        new(102900005115786, "Spinach", FlowerLeaf, 6.0, 16),
        new(102900005116042, "Lotus Root", Aquatic, 6.2, 9),
        new(102900005115250, "Xixia Black Mushroom (1)", Mushroom, 14.0, 4),
        new(102900005115908, "Caixin", FlowerLeaf, 3.6, 21),
    ];

    /// <summary>Generates the file's bytes: a header and one row per item and day it is on sale.</summary>
    /// <param name="options">The options; validated first.</param>
    /// <returns>The CSV bytes, UTF-8 without a byte-order mark.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static byte[] Generate(ProduceGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var random = new Random(options.Seed);
        var days = options.End.DayNumber - options.Start.DayNumber + 1;
        var items = Enumerable.Range(0, options.Items)
            .Select(index => CreateItem(random, index, options.NonBreakingSpaceInCategory))
            .OrderBy(item => item.Code)
            .ToArray();

        // Simulated item by item, written day by day: each series draws from its own stream of the seed,
        // so an item's series does not change when another item is added.
        var prices = new double[items.Length][];
        var quantities = new double[items.Length][];
        for (var i = 0; i < items.Length; i++)
        {
            (prices[i], quantities[i]) = Simulate(items[i], options.Start, days, options.MissingDayRate);
        }

        var csv = new CsvTextBuilder("\n");
        csv.Row(Columns);
        for (var day = 0; day < days; day++)
        {
            var date = options.Start.AddDays(day).ToString(DateFormat, CultureInfo.InvariantCulture);
            for (var i = 0; i < items.Length; i++)
            {
                if (double.IsNaN(prices[i][day]))
                {
                    continue;
                }

                csv.Field(date)
                    .Field(items[i].Code)
                    .Field(items[i].Name)
                    .Field(items[i].Category)
                    .Field(prices[i][day], "0.00")
                    .Field(quantities[i][day], "0.000");
                csv.EndRow();
            }
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv.ToString());
    }

    /// <summary>Generates the file and writes it to <paramref name="path"/> through a temp file and a rename.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">The options; validated first.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static Task WriteAsync(string path, ProduceGeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = Generate(options);
        return GeneratedFile.WriteAsync(path, bytes, cancellationToken);
    }

    private static Item CreateItem(Random random, int index, bool nonBreakingSpace)
    {
        var baseItem = s_catalog[index % s_catalog.Length];
        var round = index / s_catalog.Length;
        var name = round == 0 ? baseItem.Name : string.Create(CultureInfo.InvariantCulture, $"{baseItem.Name} ({round + 1})");
        var code = round == 0 ? baseItem.Code : 102900011100000 + index;
        var category = nonBreakingSpace && baseItem.Category == FlowerLeaf ? "Flower/Leaf\u00A0Vegetables" : baseItem.Category;
        var basePrice = round == 0 ? baseItem.BasePrice : baseItem.BasePrice * random.NextLogNormal(1.0, 0.2);

        var (seasonalAmplitude, seasonalPeak) = baseItem.Category switch
        {
            FlowerLeaf => (0.25, 200),
            Cabbage => (0.20, 210),
            Aquatic => (0.18, 240),
            Solanum => (0.22, 30),
            Capsicum => (0.25, 20),
            _ => (0.10, 190),
        };

        return new Item(
            code,
            name,
            category,
            basePrice,
            baseItem.BaseQuantity * random.NextLogNormal(1.0, 0.15),
            random.NextGaussian(0.03, 0.05),
            seasonalAmplitude * random.NextLogNormal(1.0, 0.2),
            seasonalPeak + random.Next(-20, 21),
            random.Next());
    }

    private static (double[] Prices, double[] Quantities) Simulate(Item item, DateOnly start, int days, double missingDayRate)
    {
        var random = new Random(item.Seed);
        var prices = new double[days];
        var quantities = new double[days];

        var noise = 0.0;
        var spike = 0.0;
        var gapLeft = 0;
        for (var day = 0; day < days; day++)
        {
            var date = start.AddDays(day);
            var years = day / 365.25;
            var yearly = item.SeasonalAmplitude * Math.Cos(2 * Math.PI * (date.DayOfYear - item.SeasonalPeakDay) / 365.25);

            // Dearer at weekends, when the market buys more.
            var weekly = date.DayOfWeek switch
            {
                DayOfWeek.Saturday => 0.04,
                DayOfWeek.Sunday => 0.03,
                DayOfWeek.Monday => -0.02,
                _ => -0.01,
            };

            noise = (0.92 * noise) + random.NextGaussian(0, 0.05);
            spike *= 0.8;
            if (random.NextBool(0.006))
            {
                spike += random.NextUniform(0.3, 0.7);
            }

            var logPrice = Math.Log(item.BasePrice) + (item.Trend * years) + yearly + weekly + noise + spike;
            var price = Math.Max(0.01, Math.Round(Math.Exp(logPrice), 2, MidpointRounding.AwayFromZero));

            var relative = price / (item.BasePrice * Math.Exp(item.Trend * years));
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.25 : 1.0;
            var quantity = item.BaseQuantity * Math.Pow(relative, -1.3) * weekend * random.NextLogNormal(1.0, 0.2);

            // Draw the missing-day coins after the values so that the series does not depend on which days are dropped.
            if (gapLeft == 0 && random.NextBool(0.003))
            {
                gapLeft = random.Next(3, 41);
            }

            var missing = gapLeft > 0 || random.NextBool(missingDayRate);
            if (gapLeft > 0)
            {
                gapLeft--;
            }

            prices[day] = missing ? double.NaN : price;
            quantities[day] = Math.Round(quantity, 3, MidpointRounding.AwayFromZero);
        }

        return (prices, quantities);
    }

    private sealed record CatalogItem(long Code, string Name, string Category, double BasePrice, double BaseQuantity);

    private sealed record Item(
        long Code,
        string Name,
        string Category,
        double BasePrice,
        double BaseQuantity,
        double Trend,
        double SeasonalAmplitude,
        int SeasonalPeakDay,
        int Seed);
}
