using System.Globalization;
using System.Text;

namespace Sextant.Examples;

/// <summary>Synthetic customers shaped like IBM's Telco churn sample: 21 columns, CRLF, SeniorCitizen 0/1, TotalCharges " " when tenure is 0.</summary>
public static class ChurnDataGenerator
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "customerID", "gender", "SeniorCitizen", "Partner", "Dependents", "tenure", "PhoneService", "MultipleLines", "InternetService",
        "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies", "Contract",
        "PaperlessBilling", "PaymentMethod", "MonthlyCharges", "TotalCharges", "Churn",
    ];

    private static readonly string[] s_payments = ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"];

    /// <summary>CSV bytes (UTF-8, CRLF). Default rows 7043.</summary>
    public static byte[] Generate(SimpleGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var csv = new CsvBuilder("\r\n");
        csv.Line([.. Columns]);
        var rows = options.Rows ?? 7043;
        for (var i = 0; i < rows; i++)
        {
            var contract = random.NextDouble() switch { < 0.55 => "Month-to-month", < 0.76 => "One year", _ => "Two year" };
            var tenure = random.NextDouble() < 0.0016 ? 0 : contract switch
            {
                "Month-to-month" => 1 + random.Next(40),
                "One year" => 6 + random.Next(60),
                _ => 12 + random.Next(61),
            };
            var internet = random.NextDouble() switch { < 0.44 => "Fiber optic", < 0.78 => "DSL", _ => "No" };
            var phone = random.NextDouble() < 0.9 ? "Yes" : "No";
            string Addon(double p) => internet == "No" ? "No internet service" : random.NextDouble() < p ? "Yes" : "No";
            var security = Addon(0.35);
            var backup = Addon(0.44);
            var protection = Addon(0.44);
            var support = Addon(0.36);
            var tv = Addon(0.5);
            var movies = Addon(0.5);
            var multiple = phone == "No" ? "No phone service" : random.NextDouble() < 0.47 ? "Yes" : "No";
            var payment = s_payments[random.Next(s_payments.Length)];
            var senior = random.NextDouble() < 0.16 ? 1 : 0;
            var monthly = 20 + (phone == "Yes" ? 5 : 0) + (multiple == "Yes" ? 5 : 0) + (internet == "Fiber optic" ? 50 : internet == "DSL" ? 25 : 0)
                + (new[] { security, backup, protection, support, tv, movies }.Count(a => a == "Yes") * 7) + (3 * CsvBuilder.Normal(random));
            monthly = Math.Round(Math.Max(18.25, monthly), 2);
            var logit = -1.2 + (contract == "Month-to-month" ? 1.4 : contract == "One year" ? -0.3 : -1.5) - (0.035 * tenure)
                + (internet == "Fiber optic" ? 0.8 : 0) + (payment == "Electronic check" ? 0.5 : 0) + (senior * 0.3)
                + (security == "Yes" ? -0.4 : 0) + (support == "Yes" ? -0.4 : 0) + (0.01 * (monthly - 65));
            var churn = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? "Yes" : "No";
            var total = tenure == 0 ? " " : Math.Round(monthly * tenure * (0.95 + (0.1 * random.NextDouble())), 2).ToString("0.##", CultureInfo.InvariantCulture);
            csv.Add(string.Create(CultureInfo.InvariantCulture, $"{1000 + random.Next(9000)}-{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}"))
                .Add(random.NextDouble() < 0.5 ? "Male" : "Female").Add(senior)
                .Add(random.NextDouble() < 0.48 ? "Yes" : "No").Add(random.NextDouble() < 0.3 ? "Yes" : "No").Add(tenure)
                .Add(phone).Add(multiple).Add(internet).Add(security).Add(backup).Add(protection).Add(support).Add(tv).Add(movies)
                .Add(contract).Add(random.NextDouble() < 0.59 ? "Yes" : "No").Add(payment).Add(monthly).Add(total).Add(churn);
            csv.EndLine();
        }

        return csv.ToBytes(new UTF8Encoding(false));
    }
}
