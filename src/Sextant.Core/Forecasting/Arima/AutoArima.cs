using System.Globalization;

namespace Sextant.Forecasting.Arima;

/// <summary>
/// Automatic ARIMA order selection after Hyndman and Khandakar (2008), step for step as R's <c>forecast::auto.arima</c>
/// with <c>stepwise = TRUE</c>: seasonal differences by seasonal strength, ordinary differences by KPSS tests, then a
/// stepwise search from four starting models over neighbouring orders by AICc, rejecting fits with a root within 1.01
/// of the unit circle. For series longer than 150 or seasons longer than 12 the search fits candidates by conditional
/// sums of squares and refits the best by exact likelihood, in AICc order until one passes the root check (R's
/// <c>approximation</c>).
/// </summary>
public static class AutoArima
{
    private const double MinimumRootModulus = 1.01;

    /// <summary>Searches for the best ARIMA model of <paramref name="series"/>.</summary>
    /// <param name="series">The series; its season length is the seasonal period.</param>
    /// <param name="options">The search limits, or <see langword="null"/> for R's defaults.</param>
    /// <exception cref="ForecastDataException">The series is too short, constant after differencing, or no model could be fitted.</exception>
    public static AutoArimaResult Fit(TimeSeries series, AutoArimaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new AutoArimaOptions();
        options.Validate();
        var x = series.Values;
        var n = x.Length;
        ForecastDataException.RequireLength(series, 4, "automatic ARIMA");
        if (UnitRootTests.IsConstant(x))
        {
            throw new ForecastDataException("The series is constant: there is nothing for ARIMA to model (the mean method forecasts it exactly).");
        }

        var m = options.Seasonal ? Math.Max(1, series.SeasonLength) : 1;
        var maxP = Math.Min(options.MaxP, n / 3);
        var maxQ = Math.Min(options.MaxQ, n / 3);
        var maxSP = Math.Min(options.MaxSeasonalP, n / 3 / m);
        var maxSQ = Math.Min(options.MaxSeasonalQ, n / 3 / m);
        int seasonalD;
        if (m == 1)
        {
            seasonalD = 0;
            maxSP = maxSQ = 0;
        }
        else
        {
            seasonalD = options.SeasonalD ?? (n <= 2 * m ? 0 : UnitRootTests.SeasonalDifferences(x, m));
        }

        var dx = seasonalD > 0 ? ArimaModel.Difference(x, new ArimaOrder(0, 0, 0, 0, seasonalD, 0, m)) : x.ToArray();
        var d = options.D ?? UnitRootTests.OrdinaryDifferences(dx, options.MaxD);
        var fullyDifferenced = ArimaModel.Difference(dx, new ArimaOrder(0, d, 0));
        if (fullyDifferenced.Length == 0)
        {
            throw new ForecastDataException("Not enough data: nothing is left after differencing.");
        }

        if (UnitRootTests.IsConstant(fullyDifferenced))
        {
            throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"The series is an exact polynomial or seasonal pattern after {d} + {seasonalD} differences: ARIMA has no noise to model."));
        }

        if (m > 1)
        {
            if (maxSP > 0)
            {
                maxP = Math.Min(maxP, m - 1);
            }

            if (maxSQ > 0)
            {
                maxQ = Math.Min(maxQ, m - 1);
            }
        }

        var allowDrift = options.AllowDrift && d + seasonalD == 1;
        var allowMean = options.AllowMean && d + seasonalD == 0;
        var constant = allowDrift || allowMean;
        int startP = 2, startQ = 2, startSP = 1, startSQ = 1;
        if (n < 10)
        {
            startP = startQ = 1;
            startSP = startSQ = 0;
        }

        var approximate = options.Approximation ?? (n > 150 || m > 12);
        var offset = approximate ? ApproximationOffset(series, d, seasonalD, m) : 0;
        var search = new Search(series, d, seasonalD, m, options.MaxModels, approximate ? offset : null);
        int p = Math.Min(startP, maxP), q = Math.Min(startQ, maxQ), sp = Math.Min(startSP, maxSP), sq = Math.Min(startSQ, maxSQ);
        search.Try(p, q, sp, sq, constant);
        if (search.Try(0, 0, 0, 0, constant))
        {
            p = q = sp = sq = 0;
        }

        if (maxP > 0 || maxSP > 0)
        {
            int ap = maxP > 0 ? 1 : 0, asp = m > 1 && maxSP > 0 ? 1 : 0;
            if (search.Try(ap, 0, asp, 0, constant))
            {
                (p, q, sp, sq) = (ap, 0, asp, 0);
            }
        }

        if (maxQ > 0 || maxSQ > 0)
        {
            int aq = maxQ > 0 ? 1 : 0, asq = m > 1 && maxSQ > 0 ? 1 : 0;
            if (search.Try(0, aq, 0, asq, constant))
            {
                (p, q, sp, sq) = (0, aq, 0, asq);
            }
        }

        if (constant && search.Try(0, 0, 0, 0, false))
        {
            p = q = sp = sq = 0;
        }

        var startK = -1;
        while (startK < search.Count && search.Count < options.MaxModels)
        {
            startK = search.Count;
            var improved = false;
            foreach (var (dp, dq, dsp, dsq) in Moves)
            {
                int np = p + dp, nq = q + dq, nsp = sp + dsp, nsq = sq + dsq;
                if (np < 0 || nq < 0 || nsp < 0 || nsq < 0 || np > maxP || nq > maxQ || nsp > maxSP || nsq > maxSQ || !search.IsNew(np, nq, nsp, nsq, constant))
                {
                    continue;
                }

                if (search.Count >= options.MaxModels)
                {
                    break;
                }

                if (search.Try(np, nq, nsp, nsq, constant))
                {
                    (p, q, sp, sq) = (np, nq, nsp, nsq);
                    improved = true;
                    break;
                }
            }

            if (improved || search.Count >= options.MaxModels)
            {
                continue;
            }

            if ((allowDrift || allowMean) && search.IsNew(p, q, sp, sq, !constant) && search.Try(p, q, sp, sq, !constant))
            {
                constant = !constant;
            }
        }

        var best = (approximate ? search.RefitBest() : search.Best)
            ?? throw new ForecastDataException("No suitable ARIMA model was found: every candidate failed to fit or was too close to non-stationarity or non-invertibility.");
        return new AutoArimaResult(best, d, seasonalD, search.Candidates);
    }

    /// <summary>
    /// R's offset for approximate criteria: <c>-2 loglik - n log(sigma2)</c> of an exact ARIMA(0,d,0)(0,D,0) fit, so the
    /// conditional fits' AICc are on the exact scale (it shifts every candidate alike; 0 when that fit fails).
    /// </summary>
    private static double ApproximationOffset(TimeSeries series, int d, int seasonalD, int period)
    {
        var order = seasonalD == 0 ? new ArimaOrder(0, d, 0) : new ArimaOrder(0, d, 0, 0, seasonalD, 0, period);
        if (ArimaModel.TryFit(series, order, includeConstant: false, out _) is not { } fit)
        {
            return 0;
        }

        // stats::arima's sigma2 is the sum of squares over the n - d - Ds values used; ours divides by one fewer per coefficient.
        var sigma2 = fit.Sigma2 * (fit.Observations - fit.Coefficients.Count) / fit.Observations;
        return (-2 * fit.LogLikelihood) - (series.Length * Math.Log(sigma2));
    }

    // R's order of neighbours: seasonal moves first, then non-seasonal (dp, dq, dP, dQ).
    private static readonly (int, int, int, int)[] Moves =
    [
        (0, 0, -1, 0), (0, 0, 0, -1), (0, 0, 1, 0), (0, 0, 0, 1),
        (0, 0, -1, -1), (0, 0, -1, 1), (0, 0, 1, -1), (0, 0, 1, 1),
        (-1, 0, 0, 0), (0, -1, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0),
        (-1, -1, 0, 0), (-1, 1, 0, 0), (1, -1, 0, 0), (1, 1, 0, 0),
    ];

    private sealed class Search(TimeSeries series, int d, int seasonalD, int period, int maxModels, double? approximationOffset)
    {
        private readonly HashSet<(int, int, int, int, bool)> _tried = [];
        private readonly List<ArimaCandidate> _candidates = [];
        private double _bestAicc = double.PositiveInfinity;

        public ArimaModel? Best { get; private set; }

        public int Count => _candidates.Count;

        public IReadOnlyList<ArimaCandidate> Candidates => _candidates;

        public bool IsNew(int p, int q, int sp, int sq, bool constant) => !_tried.Contains((p, q, sp, sq, constant));

        /// <summary>Fits the model; true when it beats the best so far (which it then becomes).</summary>
        public bool Try(int p, int q, int sp, int sq, bool constant)
        {
            if (Count >= maxModels)
            {
                return false;
            }

            _tried.Add((p, q, sp, sq, constant));
            var order = new ArimaOrder(p, d, q, sp, seasonalD, sq, period);
            ArimaModel? model = null;
            double aicc;
            if (approximationOffset is { } offset)
            {
                aicc = ArimaModel.TryFitConditional(series, order, constant, offset) is { } fit && double.IsFinite(fit.Aicc) && fit.MinimumRootModulus >= MinimumRootModulus
                    ? fit.Aicc
                    : double.PositiveInfinity;
            }
            else
            {
                model = ArimaModel.TryFit(series, order, constant, out _);
                aicc = Admissible(model);
            }

            _candidates.Add(new ArimaCandidate(order, constant, aicc, approximationOffset is not null));
            if (aicc < _bestAicc)
            {
                _bestAicc = aicc;
                Best = model;
                return true;
            }

            return false;
        }

        /// <summary>Refits the approximated candidates by exact likelihood, best first, until one passes; null when none does.</summary>
        public ArimaModel? RefitBest()
        {
            foreach (var candidate in _candidates.Where(c => double.IsFinite(c.Aicc)).OrderBy(c => c.Aicc))
            {
                var model = ArimaModel.TryFit(series, candidate.Order, candidate.Constant, out _);
                if (double.IsFinite(Admissible(model)))
                {
                    return model;
                }
            }

            return null;
        }

        private static double Admissible(ArimaModel? model) =>
            model is null || !double.IsFinite(model.AiccValue) || model.MinimumRootModulus < MinimumRootModulus ? double.PositiveInfinity : model.AiccValue;
    }
}
