using System.Globalization;
using System.Text;

namespace Sextant.Examples;

/// <summary>Synthetic daily wholesale prices per item, like the supermarket vegetable data: trend, weekly and yearly seasonality, spikes, missing days.</summary>
public static class ProduceDataGenerator
{
    public static readonly IReadOnlyList<string> Columns = ["date", "item_code", "item_name", "category", "wholesale_price", "quantity_kg"];

    private static readonly (string Name, string Category, double Price)[] s_items =
    [
        ("Niushou Youcai", "Flower/Leaf\u00A0Vegetables", 4.5), ("Amaranth", "Flower/Leaf\u00A0Vegetables", 3.2), ("Chinese Cabbage", "Cabbage", 2.1),
        ("Broccoli", "Cabbage", 7.6), ("Lotus Root", "Aquatic Tuberous Vegetables", 8.9), ("Water Chestnut", "Aquatic Tuberous Vegetables", 6.3),
        ("Eggplant", "Solanum", 4.1), ("Tomato", "Solanum", 5.2), ("Green Pepper", "Capsicum", 3.9), ("Red Hot Pepper", "Capsicum", 9.8),
        ("Enoki Mushroom", "Edible Mushroom", 2.7), ("Shiitake", "Edible Mushroom", 12.4),
    ];

    /// <summary>CSV bytes (UTF-8, LF), 2020-07-01 to 2023-06-30. Rows = number of items (default 12).</summary>
    public static byte[] Generate(SimpleGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var csv = new CsvBuilder("\n");
        csv.Line([.. Columns]);
        var items = Math.Min(options.Rows ?? 12, s_items.Length);
        var start = new DateTime(2020, 7, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var end = new DateTime(2023, 6, 30, 0, 0, 0, DateTimeKind.Unspecified);
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            var t = (day - start).Days;
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < 0.03)
                {
                    continue;
                }

                var (name, category, basePrice) = s_items[i];
                var season = 1 + (0.15 * Math.Sin((2 * Math.PI * (day.DayOfYear + (i * 20))) / 365.25)) + (0.03 * Math.Sin(2 * Math.PI * (int)day.DayOfWeek / 7));
                var spike = random.NextDouble() < 0.01 ? 1.6 : 1;
                var price = Math.Round(basePrice * (1 + (0.0002 * t)) * season * spike * (1 + (0.05 * CsvBuilder.Normal(random))), 2);
                var quantity = Math.Round(Math.Max(0.5, (40 / price * basePrice) * (1 + (0.2 * CsvBuilder.Normal(random)))), 3);
                csv.Add(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Add(string.Create(CultureInfo.InvariantCulture, $"1029{i:D6}"))
                    .Add(name).Add(category).Add(price).Add(quantity, "0.###");
                csv.EndLine();
            }
        }

        return csv.ToBytes(new UTF8Encoding(false));
    }
}
