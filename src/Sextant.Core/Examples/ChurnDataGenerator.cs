using System.Text;

namespace Sextant.Examples;

/// <summary>
/// Writes a seeded synthetic copy of IBM's Telco customer churn sample
/// (<c>WA_Fn-UseC_-Telco-Customer-Churn.csv</c>): the same 21 columns, UTF-8 with CR LF line endings.
/// </summary>
/// <remarks>
/// Quirks reproduced: <c>SeniorCitizen</c> is 0/1 while the other flags are Yes/No; "No phone service" and
/// "No internet service" follow the services; <c>TotalCharges</c> is a single space exactly where
/// <c>tenure</c> is 0 (about 11 rows per 7,043). <c>Churn</c> is Yes for about 26.5% of customers and is more
/// likely on month-to-month contracts, short tenure, high monthly charges, fiber and electronic checks.
/// </remarks>
public static class ChurnDataGenerator
{
    /// <summary>The 21 columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "customerID", "gender", "SeniorCitizen", "Partner", "Dependents", "tenure", "PhoneService",
        "MultipleLines", "InternetService", "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport",
        "StreamingTV", "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "MonthlyCharges",
        "TotalCharges", "Churn",
    ];

    private const double NewCustomerShare = 11.0 / 7043.0;
    private const string NoInternet = "No internet service";

    private static readonly string[] s_paymentMethods =
        ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"];

    /// <summary>Generates the file's bytes (header and <see cref="ChurnGeneratorOptions.Rows"/> data rows).</summary>
    /// <param name="options">The options; validated first.</param>
    /// <returns>The CSV bytes, UTF-8 without a byte-order mark, CR LF line endings.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static byte[] Generate(ChurnGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var random = new Random(options.Seed);
        var customers = new Customer[options.Rows];

        // Exactly round(rows * 11 / 7043) brand-new customers, as in the public file.
        var newCustomers = new HashSet<int>();
        var newCount = (int)Math.Round(options.Rows * NewCustomerShare);
        while (newCustomers.Count < newCount)
        {
            newCustomers.Add(random.Next(options.Rows));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < customers.Length; i++)
        {
            customers[i] = NextCustomer(random, ids, newCustomers.Contains(i));
        }

        AssignChurn(random, customers, options.ChurnRate);

        var csv = new CsvTextBuilder("\r\n");
        csv.Row(Columns);
        foreach (var customer in customers)
        {
            csv.Field(customer.Id)
                .Field(customer.Gender)
                .Field(customer.Senior ? 1 : 0)
                .Field(YesNo(customer.Partner))
                .Field(YesNo(customer.Dependents))
                .Field(customer.Tenure)
                .Field(YesNo(customer.PhoneService))
                .Field(customer.PhoneService ? YesNo(customer.MultipleLines) : "No phone service")
                .Field(customer.Internet)
                .Field(AddOn(customer, customer.OnlineSecurity))
                .Field(AddOn(customer, customer.OnlineBackup))
                .Field(AddOn(customer, customer.DeviceProtection))
                .Field(AddOn(customer, customer.TechSupport))
                .Field(AddOn(customer, customer.StreamingTv))
                .Field(AddOn(customer, customer.StreamingMovies))
                .Field(customer.Contract)
                .Field(YesNo(customer.PaperlessBilling))
                .Field(customer.PaymentMethod)
                .Field(customer.MonthlyCharges, "0.##");
            if (customer.Tenure == 0)
            {
                csv.Field(" ");
            }
            else
            {
                csv.Field(customer.TotalCharges, "0.##");
            }

            csv.Field(YesNo(customer.Churn));
            csv.EndRow();
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv.ToString());
    }

    /// <summary>Generates the file and writes it to <paramref name="path"/> through a temp file and a rename.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">The options; validated first.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static Task WriteAsync(string path, ChurnGeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = Generate(options);
        return GeneratedFile.WriteAsync(path, bytes, cancellationToken);
    }

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static string AddOn(Customer customer, bool value) => customer.Internet == "No" ? NoInternet : YesNo(value);

    private static Customer NextCustomer(Random random, HashSet<string> ids, bool isNew)
    {
        string id;
        Span<char> chars = stackalloc char[10];
        do
        {
            for (var k = 0; k < 4; k++)
            {
                chars[k] = (char)('0' + random.Next(10));
            }

            chars[4] = '-';
            for (var k = 5; k < 10; k++)
            {
                chars[k] = (char)('A' + random.Next(26));
            }

            id = new string(chars);
        }
        while (!ids.Add(id));

        var senior = random.NextBool(0.162);
        var partner = random.NextBool(0.483);
        var dependents = random.NextBool(partner ? 0.52 : 0.1);

        var contract = isNew
            ? (random.NextBool(0.8) ? "Two year" : "One year")
            : random.NextDouble() switch
            {
                < 0.55 => "Month-to-month",
                < 0.76 => "One year",
                _ => "Two year",
            };

        var tenure = isNew ? 0 : contract switch
        {
            "Month-to-month" => (int)Math.Clamp(Math.Ceiling(-18.0 * Math.Log(1.0 - random.NextDouble())), 1, 72),
            "One year" => (int)Math.Clamp(Math.Round(random.NextGaussian(42, 18)), 1, 72),
            _ => (int)Math.Clamp(Math.Round(random.NextGaussian(57, 14)), 1, 72),
        };

        var phone = random.NextBool(0.903);
        var multipleLines = phone && random.NextBool(0.3 + (0.4 * tenure / 72.0));

        // Customers without phone service all have DSL in the public file.
        var internet = !phone
            ? "DSL"
            : random.NextDouble() switch
            {
                < 0.48 => "Fiber optic",
                < 0.76 => "DSL",
                _ => "No",
            };
        var hasInternet = internet != "No";
        var fiber = internet == "Fiber optic";
        var loyalty = tenure / 72.0;

        var customer = new Customer
        {
            Id = id,
            Gender = random.NextBool(0.505) ? "Male" : "Female",
            Senior = senior,
            Partner = partner,
            Dependents = dependents,
            Tenure = tenure,
            PhoneService = phone,
            MultipleLines = multipleLines,
            Internet = internet,
            OnlineSecurity = hasInternet && random.NextBool((fiber ? 0.25 : 0.45) + (0.2 * loyalty)),
            OnlineBackup = hasInternet && random.NextBool(0.3 + (0.3 * loyalty)),
            DeviceProtection = hasInternet && random.NextBool(0.3 + (0.3 * loyalty)),
            TechSupport = hasInternet && random.NextBool((fiber ? 0.25 : 0.45) + (0.2 * loyalty)),
            StreamingTv = hasInternet && random.NextBool(fiber ? 0.55 : 0.35),
            StreamingMovies = hasInternet && random.NextBool(fiber ? 0.56 : 0.36),
            Contract = contract,
            PaperlessBilling = random.NextBool(hasInternet ? 0.67 : 0.29),
            PaymentMethod = NextPaymentMethod(random, contract),
        };

        var monthly = (phone ? 20.0 : 0.0)
            + (multipleLines ? 5.0 : 0.0)
            + internet switch
            {
                "Fiber optic" => 50.0,
                "DSL" => 25.0,
                _ => 0.0,
            }
            + (customer.OnlineSecurity ? 5.0 : 0.0)
            + (customer.OnlineBackup ? 5.0 : 0.0)
            + (customer.DeviceProtection ? 5.0 : 0.0)
            + (customer.TechSupport ? 5.0 : 0.0)
            + (customer.StreamingTv ? 10.0 : 0.0)
            + (customer.StreamingMovies ? 10.0 : 0.0)
            + random.NextGaussian(0, 1.2);
        monthly = Math.Round(Math.Clamp(monthly, 18.25, 118.75) * 20.0) / 20.0;
        customer.MonthlyCharges = monthly;
        customer.TotalCharges = tenure <= 1
            ? monthly * tenure
            : Math.Round(monthly * tenure * Math.Clamp(random.NextGaussian(1.0, 0.03), 0.9, 1.1), 2);
        return customer;
    }

    private static string NextPaymentMethod(Random random, string contract)
    {
        var electronicCheck = contract == "Month-to-month" ? 0.48 : 0.16;
        if (random.NextBool(electronicCheck))
        {
            return s_paymentMethods[0];
        }

        return s_paymentMethods[1 + random.Next(3)];
    }

    /// <summary>
    /// Draws churn from a logistic model whose intercept is shifted so that the mean probability is the
    /// target rate: the rate stays near the target whatever the seed, and the drivers keep their effects.
    /// </summary>
    private static void AssignChurn(Random random, Customer[] customers, double churnRate)
    {
        var logits = new double[customers.Length];
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            logits[i] = c.Contract switch
            {
                "Month-to-month" => 0.9,
                "One year" => -0.6,
                _ => -1.9,
            }
                - (0.035 * c.Tenure)
                + (0.012 * (c.MonthlyCharges - 65.0))
                + (c.Internet == "Fiber optic" ? 0.6 : 0.0)
                + (c.PaymentMethod == s_paymentMethods[0] ? 0.45 : 0.0)
                + (c.Senior ? 0.25 : 0.0)
                + (c.PaperlessBilling ? 0.3 : 0.0)
                - (c.OnlineSecurity ? 0.3 : 0.0)
                - (c.TechSupport ? 0.3 : 0.0);
        }

        double low = -10;
        double high = 10;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var shift = (low + high) / 2;
            var mean = 0.0;
            for (var i = 0; i < logits.Length; i++)
            {
                mean += Sigmoid(logits[i] + shift);
            }

            if (mean / logits.Length < churnRate)
            {
                low = shift;
            }
            else
            {
                high = shift;
            }
        }

        var intercept = (low + high) / 2;
        for (var i = 0; i < customers.Length; i++)
        {
            // Brand-new customers have not had the chance to leave.
            customers[i].Churn = customers[i].Tenure > 0 && random.NextBool(Sigmoid(logits[i] + intercept));
        }
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private sealed class Customer
    {
        public required string Id { get; init; }

        public required string Gender { get; init; }

        public required bool Senior { get; init; }

        public required bool Partner { get; init; }

        public required bool Dependents { get; init; }

        public required int Tenure { get; init; }

        public required bool PhoneService { get; init; }

        public required bool MultipleLines { get; init; }

        public required string Internet { get; init; }

        public required bool OnlineSecurity { get; init; }

        public required bool OnlineBackup { get; init; }

        public required bool DeviceProtection { get; init; }

        public required bool TechSupport { get; init; }

        public required bool StreamingTv { get; init; }

        public required bool StreamingMovies { get; init; }

        public required string Contract { get; init; }

        public required bool PaperlessBilling { get; init; }

        public required string PaymentMethod { get; init; }

        public double MonthlyCharges { get; set; }

        public double TotalCharges { get; set; }

        public bool Churn { get; set; }
    }
}
