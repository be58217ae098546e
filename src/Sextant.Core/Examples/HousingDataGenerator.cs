using System.Globalization;
using System.Text;

namespace Sextant.Examples;

/// <summary>
/// Writes a seeded synthetic copy of the California housing file (<c>housing.csv</c>, 1990 census block groups):
/// the same 10 columns, UTF-8 with LF line endings, about 1% blank <c>total_bedrooms</c> and
/// <c>median_house_value</c> capped at 500001.
/// </summary>
/// <remarks>
/// Block groups are placed in coastal and inland regions of California; <c>ocean_proximity</c> follows from the
/// distance to a rough coastline (ISLAND is very rare). The house value grows with income, is higher near the
/// coast and the bay, and carries multiplicative noise.
/// </remarks>
public static class HousingDataGenerator
{
    /// <summary>The 10 columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "longitude", "latitude", "housing_median_age", "total_rooms", "total_bedrooms", "population",
        "households", "median_income", "median_house_value", "ocean_proximity",
    ];

    /// <summary>The five <c>ocean_proximity</c> values.</summary>
    public static IReadOnlyList<string> OceanProximities { get; } = ["<1H OCEAN", "INLAND", "NEAR OCEAN", "NEAR BAY", "ISLAND"];

    /// <summary>The cap of <c>median_house_value</c>: the census top-coded higher values to it.</summary>
    public const double HouseValueCap = 500001;

    private const double IslandRate = 5.0 / 20640.0;
    private const double KilometresPerDegree = 111.0;

    // A rough California coastline, (latitude, longitude) from south to north.
    private static readonly (double Latitude, double Longitude)[] s_coast =
    [
        (32.5, -117.12), (33.5, -117.75), (34.0, -118.5), (34.4, -119.7), (34.5, -120.6), (35.5, -121.1),
        (36.6, -121.9), (37.5, -122.5), (38.0, -123.0), (39.0, -123.75), (40.4, -124.4), (42.0, -124.25),
    ];

    private static readonly Region[] s_regions =
    [
        new("Los Angeles", 33.70, 34.30, 0.00, 0.90, 0.27, 1.00, 1.00),
        new("Orange and San Diego", 32.55, 33.60, 0.00, 0.50, 0.12, 1.08, 1.05),
        new("Bay Area", 37.20, 38.30, 0.00, 0.80, 0.20, 1.25, 1.25),
        new("Central Coast", 34.40, 37.00, 0.00, 0.40, 0.05, 1.00, 1.05),
        new("North Coast", 38.30, 41.90, 0.00, 0.60, 0.03, 0.80, 0.85),
        new("Sacramento", 38.30, 38.90, 1.20, 1.80, 0.07, 0.95, 1.00),
        new("Central Valley", 35.00, 38.20, 1.00, 2.40, 0.14, 0.80, 0.90),
        new("Inland Empire", 33.70, 34.30, 0.90, 1.90, 0.07, 0.90, 1.00),
        new("Desert", 32.70, 35.50, 1.90, 3.50, 0.02, 0.75, 0.90),
        new("North Inland", 39.00, 41.90, 0.80, 3.00, 0.03, 0.80, 0.85),
    ];

    /// <summary>Generates the file's bytes (header and <see cref="HousingGeneratorOptions.Rows"/> data rows).</summary>
    /// <param name="options">The options; validated first.</param>
    /// <returns>The CSV bytes, UTF-8 without a byte-order mark.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static byte[] Generate(HousingGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var random = new Random(options.Seed);
        var csv = new CsvTextBuilder("\n");
        csv.Row(Columns);

        Span<double> regionWeights = stackalloc double[s_regions.Length];
        for (var i = 0; i < s_regions.Length; i++)
        {
            regionWeights[i] = s_regions[i].Weight;
        }

        for (var row = 0; row < options.Rows; row++)
        {
            WriteRow(random, csv, regionWeights, options.BlankBedroomsRate);
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv.ToString());
    }

    /// <summary>Generates the file and writes it to <paramref name="path"/> through a temp file and a rename.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">The options; validated first.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static Task WriteAsync(string path, HousingGeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = Generate(options);
        return GeneratedFile.WriteAsync(path, bytes, cancellationToken);
    }

    private static void WriteRow(Random random, CsvTextBuilder csv, ReadOnlySpan<double> regionWeights, double blankBedroomsRate)
    {
        double latitude;
        double longitude;
        string proximity;
        double incomeFactor;
        double valueFactor;
        if (random.NextBool(IslandRate))
        {
            // Santa Catalina Island.
            latitude = random.NextUniform(33.33, 33.45);
            longitude = random.NextUniform(-118.60, -118.30);
            proximity = "ISLAND";
            incomeFactor = 1.0;
            valueFactor = 1.0;
        }
        else
        {
            var region = s_regions[random.NextWeightedIndex(regionWeights)];
            latitude = random.NextUniform(region.LatitudeMin, region.LatitudeMax);
            var inland = random.NextUniform(region.InlandMin, region.InlandMax);
            longitude = Math.Clamp(CoastLongitude(latitude) + inland, -124.35, -114.31);
            var kilometres = inland * KilometresPerDegree * Math.Cos(latitude * Math.PI / 180.0);
            proximity = Proximity(region, latitude, inland, kilometres);
            incomeFactor = region.IncomeFactor;
            valueFactor = region.ValueFactor;
        }

        var age = random.NextBool(0.06) ? 52 : (int)Math.Clamp(Math.Round(random.NextGaussian(29, 11)), 1, 52);
        var income = Math.Clamp(random.NextLogNormal(3.5 * incomeFactor, 0.45), 0.4999, 15.0001);
        var households = Math.Round(Math.Clamp(random.NextLogNormal(410, 0.6), 1, 6082));
        var rooms = Math.Round(Math.Max(2, households * random.NextLogNormal(4.3 + (0.3 * income), 0.22)));
        var bedrooms = Math.Round(Math.Clamp(rooms * random.NextLogNormal(0.2, 0.12), 1, rooms));
        var population = Math.Round(Math.Max(3, households * random.NextLogNormal(2.85, 0.25)));

        var proximityFactor = proximity switch
        {
            "NEAR BAY" => 1.55,
            "NEAR OCEAN" => 1.5,
            "<1H OCEAN" => 1.35,
            "ISLAND" => 2.6,
            _ => 0.72,
        };
        var ageFactor = 1.0 + (0.004 * (age - 29));
        var value = 50_000 * Math.Pow(income, 0.85) * proximityFactor * valueFactor * ageFactor * Math.Exp(random.NextGaussian(0, 0.22));
        value = Math.Min(HouseValueCap, Math.Max(14999, Math.Round(value / 100) * 100));

        csv.Field(longitude, "0.0#")
            .Field(latitude, "0.0#")
            .Field((double)age, "0.0")
            .Field(rooms, "0.0");
        if (random.NextBool(blankBedroomsRate))
        {
            csv.Field(string.Empty);
        }
        else
        {
            csv.Field(bedrooms, "0.0");
        }

        csv.Field(population, "0.0")
            .Field(households, "0.0")
            .Field(income, "0.0###")
            .Field(value, "0.0")
            .Field(proximity);
        csv.EndRow();
    }

    private static string Proximity(Region region, double latitude, double inland, double kilometres)
    {
        if (region.Name == "Bay Area")
        {
            // San Francisco Bay lies some 0.15 to 0.6 degrees east of the ocean shore between these latitudes.
            if (latitude is > 37.35 and < 38.15 && inland is > 0.15 and < 0.60)
            {
                return "NEAR BAY";
            }

            return kilometres < 8 ? "NEAR OCEAN" : "<1H OCEAN";
        }

        return kilometres switch
        {
            < 10 => "NEAR OCEAN",
            < 75 => "<1H OCEAN",
            _ => "INLAND",
        };
    }

    private static double CoastLongitude(double latitude)
    {
        if (latitude <= s_coast[0].Latitude)
        {
            return s_coast[0].Longitude;
        }

        for (var i = 1; i < s_coast.Length; i++)
        {
            if (latitude <= s_coast[i].Latitude)
            {
                var (lat0, lon0) = s_coast[i - 1];
                var (lat1, lon1) = s_coast[i];
                return lon0 + ((lon1 - lon0) * (latitude - lat0) / (lat1 - lat0));
            }
        }

        return s_coast[^1].Longitude;
    }

    private sealed record Region(
        string Name,
        double LatitudeMin,
        double LatitudeMax,
        double InlandMin,
        double InlandMax,
        double Weight,
        double IncomeFactor,
        double ValueFactor);
}
