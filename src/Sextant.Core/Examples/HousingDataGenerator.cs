using System.Text;

namespace Sextant.Examples;

/// <summary>Synthetic block groups shaped like <c>housing.csv</c> (California 1990): blanks in total_bedrooms, ocean_proximity with a rare ISLAND, values capped at 500001.</summary>
public static class HousingDataGenerator
{
    public static readonly IReadOnlyList<string> Columns =
        ["longitude", "latitude", "housing_median_age", "total_rooms", "total_bedrooms", "population", "households", "median_income", "median_house_value", "ocean_proximity"];

    /// <summary>CSV bytes (UTF-8, LF). Default rows 5000.</summary>
    public static byte[] Generate(SimpleGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var csv = new CsvBuilder("\n");
        csv.Line([.. Columns]);
        var rows = options.Rows ?? 5000;
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble();
            var proximity = u < 0.44 ? "<1H OCEAN" : u < 0.76 ? "INLAND" : u < 0.89 ? "NEAR OCEAN" : u < 0.9995 ? "NEAR BAY" : "ISLAND";
            var south = random.NextDouble() < 0.55;
            var latitude = south ? 32.6 + (random.NextDouble() * 2.6) : 36.5 + (random.NextDouble() * 5.3);
            var longitude = -124.3 + ((42 - latitude) * 0.9) + (random.NextDouble() * (proximity == "INLAND" ? 4 : 1.5));
            var age = 1 + random.Next(52);
            var income = Math.Clamp(Math.Exp(1.3 + (0.45 * CsvBuilder.Normal(random))), 0.5, 15.0);
            var households = Math.Max(2, (int)Math.Exp(6.0 + (0.6 * CsvBuilder.Normal(random))));
            var rooms = (int)(households * Math.Max(1.5, 4.5 + (0.5 * income) + CsvBuilder.Normal(random)));
            var bedrooms = (int)(rooms * (0.19 + (0.03 * CsvBuilder.Normal(random))));
            var population = (int)(households * Math.Max(1.0, 2.9 + (0.7 * CsvBuilder.Normal(random))));
            var premium = proximity switch
            {
                "INLAND" => -0.6,
                "NEAR BAY" => 0.35,
                "NEAR OCEAN" => 0.25,
                "ISLAND" => 1.2,
                _ => 0.2,
            };
            var value = 100000 * (0.45 + (0.42 * income) + premium + (0.006 * age) - (0.08 * (latitude - 34)) + (0.35 * CsvBuilder.Normal(random)));
            value = Math.Clamp(Math.Round(value / 100) * 100, 14999, 500001);
            csv.Add(longitude, "0.00").Add(latitude, "0.00").Add(age).Add(rooms)
                .Add(random.NextDouble() < 0.01 ? "" : bedrooms.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add(population).Add(households).Add(income, "0.0000").Add(value, "0").Add(proximity);
            csv.EndLine();
        }

        return csv.ToBytes(new UTF8Encoding(false));
    }
}
