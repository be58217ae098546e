using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Examples;

/// <summary>The built-in example projects, each with a seeded synthetic dataset.</summary>
public static class ExampleProjects
{
    public static readonly IReadOnlyList<string> Names = ["sales", "housing", "churn", "produce"];

    private static readonly string[] s_countries =
        ["Australia", "Austria", "Belgium", "Canada", "Denmark", "Finland", "France", "Germany", "Ireland", "Italy", "Japan", "Norway", "Philippines", "Singapore", "Spain", "Sweden", "Switzerland", "UK", "USA"];

    /// <summary>Creates example <paramref name="name"/>; <paramref name="rows"/> overrides the generator's default size.</summary>
    public static ExampleProject Create(string name, int? rows = null, int seed = 42) => name switch
    {
        "sales" => Sales(rows, seed),
        "housing" => Housing(rows, seed),
        "churn" => Churn(rows, seed),
        "produce" => Produce(rows, seed),
        _ => throw new SextantException($"Unknown example '{name}'. Examples: {string.Join(", ", Names)}."),
    };

    private static ExampleProject Sales(int? rows, int seed) => new(
        new ProjectConfig
        {
            Name = "sales",
            Task = ProjectTask.Regression,
            Data = new DataSourceConfig
            {
                Path = "data/sales_data_sample.csv",
                Encoding = "auto",
                DateFormats = ["M/d/yyyy H:mm"],
                NullTokens = [""],
                Columns = new Dictionary<string, string> { ["POSTALCODE"] = "text", ["ORDERDATE"] = "date" },
            },
            Cleaning = new CleaningConfig
            {
                DropColumns = ["ADDRESSLINE1", "ADDRESSLINE2", "PHONE"],
                Deduplicate = true,
                Fill = new Dictionary<string, string> { ["STATE"] = "(none)", ["POSTALCODE"] = "(none)" },
                Outliers = new OutlierConfig { Factor = 3.0, Columns = ["SALES"] },
            },
            Target = "SALES",
            Features =
            [
                Numeric("QUANTITYORDERED", 1, 1000, "Units on the order line."),
                Numeric("PRICEEACH", 0, 1000, "Unit price as recorded (the source caps it at 100)."),
                Numeric("ORDERLINENUMBER", 1, 100, "Position of the line in its order."),
                Numeric("MSRP", 1, 1000, "Manufacturer's suggested retail price."),
                Numeric("QTR_ID", 1, 4, "Quarter of the order date."),
                Numeric("MONTH_ID", 1, 12, "Month of the order date."),
                Numeric("YEAR_ID", 2000, 2100, "Year of the order date."),
                Categorical("PRODUCTLINE", SalesDataGenerator.ProductLines),
                Categorical("COUNTRY", s_countries),
                Categorical("DEALSIZE", ["Small", "Medium", "Large"]),
            ],
            Derived = [new DerivedFeature { Name = "LIST_VALUE", Kind = "product", Inputs = ["QUANTITYORDERED", "MSRP"] }],
            Split = new SplitConfig { TestFraction = 0.2, Seed = 42 },
            Training = new TrainingConfig { PrimaryMetric = "rmse" },
        },
        "sales_data_sample.csv",
        SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = rows ?? 2823, Seed = seed }),
        "Order-line SALES from quantity, price, MSRP, product line, country and deal size (synthetic, code page 850 like the public file).");

    private static ExampleProject Housing(int? rows, int seed) => new(
        new ProjectConfig
        {
            Name = "housing",
            Task = ProjectTask.Regression,
            Data = new DataSourceConfig { Path = "data/housing.csv" },
            Target = "median_house_value",
            Features =
            [
                Numeric("longitude", -125, -114), Numeric("latitude", 32, 42.5), Numeric("housing_median_age", 0, 100),
                Numeric("total_rooms", 1, null), Numeric("total_bedrooms", 0, null) with { Nullable = true },
                Numeric("population", 1, null), Numeric("households", 1, null), Numeric("median_income", 0, 20),
                Categorical("ocean_proximity", ["<1H OCEAN", "INLAND", "ISLAND", "NEAR BAY", "NEAR OCEAN"]),
            ],
            Derived =
            [
                new DerivedFeature { Name = "rooms_per_household", Kind = "ratio", Inputs = ["total_rooms", "households"] },
                new DerivedFeature { Name = "people_per_household", Kind = "ratio", Inputs = ["population", "households"] },
            ],
            Training = new TrainingConfig { PrimaryMetric = "rmse" },
        },
        "housing.csv",
        HousingDataGenerator.Generate(new HousingGeneratorOptions { Rows = rows ?? 20640, Seed = seed }),
        "Median house value of California block groups (synthetic, shaped like housing.csv).");

    private static ExampleProject Churn(int? rows, int seed)
    {
        string[] yesNo = ["No", "Yes"];
        string[] addon = ["No", "No internet service", "Yes"];
        return new(
            new ProjectConfig
            {
                Name = "churn",
                Task = ProjectTask.Classification,
                Data = new DataSourceConfig { Path = "data/telco_churn.csv" },
                Cleaning = new CleaningConfig { DropColumns = ["customerID"] },
                Target = "Churn",
                PositiveClass = "Yes",
                Features =
                [
                    Categorical("gender", ["Female", "Male"]), Numeric("SeniorCitizen", 0, 1), Categorical("Partner", yesNo), Categorical("Dependents", yesNo),
                    Numeric("tenure", 0, 100), Categorical("PhoneService", yesNo), Categorical("MultipleLines", ["No", "No phone service", "Yes"]),
                    Categorical("InternetService", ["DSL", "Fiber optic", "No"]), Categorical("OnlineSecurity", addon), Categorical("OnlineBackup", addon),
                    Categorical("DeviceProtection", addon), Categorical("TechSupport", addon), Categorical("StreamingTV", addon), Categorical("StreamingMovies", addon),
                    Categorical("Contract", ["Month-to-month", "One year", "Two year"]), Categorical("PaperlessBilling", yesNo),
                    Categorical("PaymentMethod", ["Bank transfer (automatic)", "Credit card (automatic)", "Electronic check", "Mailed check"]),
                    Numeric("MonthlyCharges", 0, 200),
                    Numeric("TotalCharges", 0, 10000, "Blank for new customers (tenure 0): read as missing and imputed.") with { Nullable = true },
                ],
                Split = new SplitConfig { TestFraction = 0.2, Seed = 42 },
                Training = new TrainingConfig { PrimaryMetric = "roc_auc" },
            },
            "telco_churn.csv",
            ChurnDataGenerator.Generate(new ChurnGeneratorOptions { Rows = rows ?? 7043, Seed = seed }),
            "Telco customer churn, Yes/No (synthetic, shaped like IBM's sample).");
    }

    private static ExampleProject Produce(int? rows, int seed) => new(
        new ProjectConfig
        {
            Name = "produce",
            Task = ProjectTask.Forecast,
            Data = new DataSourceConfig { Path = "data/produce_prices.csv", DateFormats = ["yyyy-MM-dd"] },
            Target = "wholesale_price",
            Features =
            [
                new FeatureDefinition { Name = "date", Type = FeatureKind.Date },
                new FeatureDefinition { Name = "item_code", Type = FeatureKind.Categorical },
                new FeatureDefinition { Name = "category", Type = FeatureKind.Categorical },
            ],
            Split = new SplitConfig { TestFraction = 0.1, TimeColumn = "date" },
            // The daily mean price per category, the last 28 days held out: 'sextant forecast -p produce --register'.
            Forecast = new ForecastConfig
            {
                Time = "date",
                Value = "wholesale_price",
                Segments = ["category"],
                Aggregation = "mean",
                Frequency = "daily",
                Horizon = 14,
                Holdout = 28,
            },
        },
        "produce_prices.csv",
        ProduceDataGenerator.Generate(new ProduceGeneratorOptions { Items = rows ?? 12, Seed = seed }),
        "Daily wholesale vegetable prices per item (synthetic): forecast per category with 'sextant forecast -p produce --register', served by POST /forecast.");

    private static FeatureDefinition Numeric(string name, double? min, double? max, string? description = null) =>
        new() { Name = name, Type = FeatureKind.Numeric, Min = min, Max = max, Description = description };

    private static FeatureDefinition Categorical(string name, IReadOnlyList<string> allowed) =>
        new() { Name = name, Type = FeatureKind.Categorical, Allowed = allowed };
}
