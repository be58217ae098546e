namespace Sextant.Core.Tests.Forecasting.Risk;

/// <summary>
/// What R 4.2.2 with fGarch 4022.89 reports for the 1,859 DAX log returns of <see cref="EuStockMarketsDax"/>
/// (<c>x &lt;- as.numeric(diff(log(EuStockMarkets[, "DAX"])))</c>), printed by <c>Rscript bench/anchors/garch.R</c>.
/// </summary>
/// <param name="Call">The R call.</param>
/// <param name="StudentT">Whether <c>cond.dist = "std"</c>.</param>
/// <param name="IncludeMean">Whether <c>include.mean = TRUE</c>.</param>
/// <param name="Names">The coefficient names of <c>fit@fit$matcoef</c>.</param>
/// <param name="Estimates">Its estimates.</param>
/// <param name="StandardErrors">Its standard errors (fGarch's default <c>optimHess</c>, finite-difference step 1e-3).</param>
/// <param name="FineStandardErrors">
/// The standard errors of the same estimates from <c>optimHess(..., control = list(ndeps = 1e-5))</c> on the same
/// likelihood (garch.R's <c>scaled_llh</c>): fGarch's default step is 5% of the scaled omega and biases its standard
/// errors of omega, alpha and beta low by about 1%.
/// </param>
/// <param name="LogLikelihood"><c>-fit@fit$llh</c>.</param>
/// <param name="Aic"><c>fit@fit$ics["AIC"] * n</c>.</param>
/// <param name="Bic"><c>fit@fit$ics["BIC"] * n</c>.</param>
/// <param name="LastVariance"><c>tail(fit@h.t, 1)</c>.</param>
/// <param name="ParametricRisk">
/// VaR 95%, CVaR 95%, VaR 99%, CVaR 99% of the next return from fGarch's estimates: <c>-(mu + sigma q)</c> and
/// <c>-(mu + sigma E[z | z &lt;= q])</c> with <c>sigma = predict(fit, n.ahead = 1)$standardDeviation</c>, <c>q</c> from
/// <c>qnorm</c> or <c>qstd(nu = shape)</c> and the tail mean by <c>integrate</c> over <c>dnorm</c> or <c>dstd</c>.
/// </param>
/// <param name="ForecastSigma"><c>predict(fit, n.ahead = 10)$standardDeviation</c>.</param>
internal sealed record FGarchReference(
    string Call,
    bool StudentT,
    bool IncludeMean,
    string[] Names,
    double[] Estimates,
    double[] StandardErrors,
    double[] FineStandardErrors,
    double LogLikelihood,
    double Aic,
    double Bic,
    double LastVariance,
    double[] ParametricRisk,
    double[] ForecastSigma)
{
    public static readonly FGarchReference NormalWithMean = new(
        "garchFit(~garch(1,1), data = x, cond.dist = \"norm\", include.mean = TRUE, trace = FALSE)",
        StudentT: false,
        IncludeMean: true,
        ["mu", "omega", "alpha1", "beta1"],
        [6.5350807378e-04, 4.7544019023e-06, 6.8416996213e-02, 8.8760993106e-01],
        [2.1575851592e-04, 1.2644423622e-06, 1.4777001620e-02, 2.3558561451e-02],
        [2.15759033e-04, 1.28089820e-06, 1.49387696e-02, 2.38832017e-02],
        LogLikelihood: 5966.21449883,
        Aic: -11924.428998,
        Bic: -11902.317822,
        LastVariance: 2.2245288603e-04,
        [2.4462420017e-02, 3.0842879019e-02, 3.4868428323e-02, 4.0042714136e-02],
        [1.5269400072e-02, 1.5088288744e-02, 1.4913085033e-02, 1.4743639004e-02, 1.4579802848e-02, 1.4421430869e-02, 1.4268379483e-02, 1.4120507224e-02, 1.3977674746e-02, 1.3839744828e-02]);

    public static readonly FGarchReference NormalWithoutMean = new(
        "garchFit(~garch(1,1), data = x, cond.dist = \"norm\", include.mean = FALSE, trace = FALSE)",
        StudentT: false,
        IncludeMean: false,
        ["omega", "alpha1", "beta1"],
        [4.6466716843e-06, 6.8369556878e-02, 8.8894666508e-01],
        [1.2473200556e-06, 1.4988688657e-02, 2.3516294868e-02],
        [1.26402031e-06, 1.51595595e-02, 2.38514609e-02],
        LogLikelihood: 5961.63327106,
        Aic: -11917.266542,
        Bic: -11900.683160,
        LastVariance: 2.1773354018e-04,
        [2.5002709529e-02, 3.1354406448e-02, 3.5361809224e-02, 4.0512770189e-02],
        [1.5200568074e-02, 1.5028025294e-02, 1.4860970547e-02, 1.4699267711e-02, 1.4542782549e-02, 1.4391382699e-02, 1.4244937679e-02, 1.4103318887e-02, 1.3966399609e-02, 1.3834055024e-02]);

    public static readonly FGarchReference StudentTWithMean = new(
        "garchFit(~garch(1,1), data = x, cond.dist = \"std\", include.mean = TRUE, trace = FALSE)",
        StudentT: true,
        IncludeMean: true,
        ["mu", "omega", "alpha1", "beta1", "shape"],
        [7.6405086207e-04, 2.1630492333e-06, 7.9022338931e-02, 9.0358505338e-01, 6.0383736195e+00],
        [1.8886246650e-04, 8.6202073506e-07, 1.6174811576e-02, 2.0101964072e-02, 8.1405222108e-01],
        [1.88863125e-04, 8.72466739e-07, 1.63289483e-02, 2.03697633e-02, 8.14644271e-01],
        LogLikelihood: 6065.74295454,
        Aic: -12121.485909,
        Bic: -12093.846939,
        LastVariance: 2.5250029379e-04,
        [2.5109334038e-02, 3.5298943133e-02, 4.1039110048e-02, 5.2826037395e-02],
        [1.6300125652e-02, 1.6224550296e-02, 1.6149944908e-02, 1.6076299863e-02, 1.6003605593e-02, 1.5931852581e-02, 1.5861031364e-02, 1.5791132530e-02, 1.5722146720e-02, 1.5654064628e-02]);

    public static readonly FGarchReference StudentTWithoutMean = new(
        "garchFit(~garch(1,1), data = x, cond.dist = \"std\", include.mean = FALSE, trace = FALSE)",
        StudentT: true,
        IncludeMean: false,
        ["omega", "alpha1", "beta1", "shape"],
        [2.0923841887e-06, 7.8064500504e-02, 9.0539222487e-01, 6.0996356935e+00],
        [8.5515331233e-07, 1.6269531572e-02, 2.0126327080e-02, 8.3188997430e-01],
        [8.66140740e-07, 1.64381542e-02, 2.04133491e-02, 8.32990261e-01],
        LogLikelihood: 6057.58776089,
        Aic: -12107.175522,
        Bic: -12085.064346,
        LastVariance: 2.4397078319e-04,
        [2.5636981506e-02, 3.5686398620e-02, 4.1357060982e-02, 5.2941222779e-02],
        [1.6139948310e-02, 1.6071117784e-02, 1.6003137203e-02, 1.5935998409e-02, 1.5869693282e-02, 1.5804213750e-02, 1.5739551781e-02, 1.5675699387e-02, 1.5612648625e-02, 1.5550391594e-02]);

    public static FGarchReference ByName(string name) => name switch
    {
        nameof(NormalWithMean) => NormalWithMean,
        nameof(NormalWithoutMean) => NormalWithoutMean,
        nameof(StudentTWithMean) => StudentTWithMean,
        nameof(StudentTWithoutMean) => StudentTWithoutMean,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such reference."),
    };
}
