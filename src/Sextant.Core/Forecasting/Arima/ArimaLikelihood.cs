namespace Sextant.Forecasting.Arima;

/// <summary>
/// The exact Gaussian likelihood of a (seasonal) ARIMA model by the Kalman filter, and the conditional sum of squares,
/// with every workspace allocated once per fit. The filter runs on the differenced series
/// <c>w = diff(y - X beta)</c>: the limit of R's diffuse prior on the differencing states, which R approximates with
/// <c>kappa = 1e6</c>. Once the predicted state covariance stops changing the filter keeps its steady-state gain.
/// </summary>
internal sealed class ArimaLikelihood
{
    private const double SteadyStateTolerance = 1e-13;

    private readonly ArimaOrder _order;
    private readonly double[] _dx;
    private readonly double[]? _dxreg;
    private readonly double[] _w;
    private readonly double[] _phi;
    private readonly double[] _theta;
    private readonly double[] _ar;
    private readonly double[] _a;
    private readonly double[] _anew;
    private readonly double[] _p;
    private readonly double[] _pnew;
    private readonly double[] _pprev;
    private readonly double[] _m;
    private readonly double[] _residuals;
    private readonly StationaryCovariance _covariance;
    private readonly int _r;

    /// <param name="dx">The differenced series.</param>
    /// <param name="dxreg">The differenced regressor (intercept or drift), or null.</param>
    /// <param name="order">The model orders.</param>
    public ArimaLikelihood(double[] dx, double[]? dxreg, ArimaOrder order)
    {
        _order = order;
        _dx = dx;
        _dxreg = dxreg;
        _w = new double[dx.Length];
        var pf = order.P + (order.Period * order.SeasonalP);
        var qf = order.Q + (order.Period * order.SeasonalQ);
        _phi = new double[pf];
        _theta = new double[qf];
        _ar = new double[Math.Max(order.P, order.SeasonalP)];
        _r = Math.Max(pf, qf + 1);
        _a = new double[_r];
        _anew = new double[_r];
        _p = new double[_r * _r];
        _pnew = new double[_r * _r];
        _pprev = new double[_r * _r];
        _m = new double[_r];
        _residuals = new double[dx.Length];
        _covariance = new StationaryCovariance(_r);
    }

    public int StateSize => _r;

    public int Count => _dx.Length;

    /// <summary>The expanded AR polynomial of the last evaluation.</summary>
    public ReadOnlySpan<double> Phi => _phi;

    /// <summary>The expanded MA polynomial of the last evaluation.</summary>
    public ReadOnlySpan<double> Theta => _theta;

    /// <summary>The filtered state after the last observation (of the last <see cref="Gaussian"/> call).</summary>
    public ReadOnlySpan<double> FilteredState => _a;

    /// <summary>Its covariance (row-major, unit innovation variance).</summary>
    public ReadOnlySpan<double> FilteredCovariance => _p;

    /// <summary>The standardized innovations of the last <see cref="Gaussian"/> call.</summary>
    public ReadOnlySpan<double> Residuals => _residuals;

    /// <summary>The sum of squared standardized innovations of the last <see cref="Gaussian"/> call.</summary>
    public double SumOfSquares { get; private set; }

    /// <summary>
    /// R's <c>armafn</c>: half of log(sigma^2 hat) plus the mean log gain, the profile negative log-likelihood per
    /// observation up to constants; <see cref="double.MaxValue"/> when the parameters give no stationary state.
    /// </summary>
    /// <param name="par">Packed parameters <c>[ar, ma, sar, sma, beta]</c>.</param>
    /// <param name="transformed">Whether the AR parts are in the unconstrained (PACF) form.</param>
    public double Gaussian(ReadOnlySpan<double> par, bool transformed)
    {
        Prepare(par, transformed);
        if (!_covariance.Compute(_phi, _theta, _pnew))
        {
            return double.MaxValue;
        }

        var r = _r;
        var pf = _phi.Length;
        var qf = _theta.Length;
        var phi = _phi;
        var theta = _theta;
        var a = _a;
        var anew = _anew;
        var p = _p;
        var pnew = _pnew;
        var m = _m;
        var w = _w;
        Array.Clear(a);
        double ssq = 0, sumLog = 0;
        var steady = false;
        double gain = 0;
        for (var l = 0; l < w.Length; l++)
        {
            var a0 = a[0];
            for (var i = 0; i < r; i++)
            {
                var tmp = i < r - 1 ? a[i + 1] : 0.0;
                if (i < pf)
                {
                    tmp += phi[i] * a0;
                }

                anew[i] = tmp;
            }

            if (l > 0 && !steady)
            {
                pnew.AsSpan().CopyTo(_pprev);
                var p00 = p[0];
                for (var i = 0; i < r; i++)
                {
                    var vi = i == 0 ? 1.0 : (i - 1 < qf ? theta[i - 1] : 0.0);
                    for (var j = i; j < r; j++)
                    {
                        var tmp = j == 0 ? 1.0 : (j - 1 < qf ? theta[j - 1] : 0.0);
                        tmp *= vi;
                        if (i < pf && j < pf)
                        {
                            tmp += phi[i] * phi[j] * p00;
                        }

                        if (i < r - 1 && j < r - 1)
                        {
                            tmp += p[((i + 1) * r) + j + 1];
                        }

                        if (i < pf && j < r - 1)
                        {
                            tmp += phi[i] * p[j + 1];
                        }

                        if (j < pf && i < r - 1)
                        {
                            tmp += phi[j] * p[i + 1];
                        }

                        pnew[(i * r) + j] = tmp;
                        pnew[(j * r) + i] = tmp;
                    }
                }

                double change = 0;
                for (var i = 0; i < pnew.Length; i++)
                {
                    change = Math.Max(change, Math.Abs(pnew[i] - _pprev[i]));
                }

                steady = change <= SteadyStateTolerance * pnew[0];
            }

            var resid = w[l] - anew[0];
            if (!steady || l == 0 || gain == 0)
            {
                gain = pnew[0];
                for (var i = 0; i < r; i++)
                {
                    m[i] = pnew[i * r];
                }

                for (var i = 0; i < r; i++)
                {
                    for (var j = 0; j < r; j++)
                    {
                        p[(i * r) + j] = pnew[(i * r) + j] - (m[i] * m[j] / gain);
                    }
                }
            }

            if (!(gain > 0))
            {
                return double.MaxValue;
            }

            ssq += resid * resid / gain;
            sumLog += Math.Log(gain);
            _residuals[l] = resid / Math.Sqrt(gain);
            var k = resid / gain;
            for (var i = 0; i < r; i++)
            {
                a[i] = anew[i] + (m[i] * k);
            }
        }

        SumOfSquares = ssq;
        var nu = w.Length;
        var value = 0.5 * (Math.Log(ssq / nu) + (sumLog / nu));
        return double.IsFinite(value) ? value : double.MaxValue;
    }

    /// <summary>R's <c>armaCSS</c>: half the log of the mean squared conditional residual after the first p + sP.</summary>
    public double ConditionalSumOfSquares(ReadOnlySpan<double> par)
    {
        Prepare(par, transformed: false);
        var w = _w;
        var e = _residuals;
        var pf = _phi.Length;
        var qf = _theta.Length;
        double ssq = 0;
        for (var l = 0; l < w.Length; l++)
        {
            if (l < pf)
            {
                e[l] = 0;
                continue;
            }

            var tmp = w[l];
            for (var j = 0; j < pf; j++)
            {
                tmp -= _phi[j] * w[l - j - 1];
            }

            var jmax = Math.Min(l - pf, qf);
            for (var j = 0; j < jmax; j++)
            {
                tmp -= _theta[j] * e[l - j - 1];
            }

            e[l] = tmp;
            ssq += tmp * tmp;
        }

        var value = 0.5 * Math.Log(ssq / (w.Length - pf));
        return double.IsFinite(value) ? value : double.MaxValue;
    }

    private void Prepare(ReadOnlySpan<double> par, bool transformed)
    {
        var narma = _order.P + _order.Q + _order.SeasonalP + _order.SeasonalQ;
        ReadOnlySpan<double> arma = par[..narma];
        if (transformed && (_order.P > 0 || _order.SeasonalP > 0))
        {
            Span<double> untransformed = narma <= 64 ? stackalloc double[narma] : new double[narma];
            arma.CopyTo(untransformed);
            if (_order.P > 0)
            {
                ArimaPolynomials.ToStationary(arma[.._order.P], _ar.AsSpan(0, _order.P));
                _ar.AsSpan(0, _order.P).CopyTo(untransformed);
            }

            if (_order.SeasonalP > 0)
            {
                var start = _order.P + _order.Q;
                ArimaPolynomials.ToStationary(arma.Slice(start, _order.SeasonalP), _ar.AsSpan(0, _order.SeasonalP));
                _ar.AsSpan(0, _order.SeasonalP).CopyTo(untransformed[start..]);
            }

            ArimaPolynomials.Expand(untransformed, _order, _phi, _theta);
        }
        else
        {
            ArimaPolynomials.Expand(arma, _order, _phi, _theta);
        }

        if (_dxreg is null)
        {
            _dx.AsSpan().CopyTo(_w);
        }
        else
        {
            var beta = par[narma];
            for (var i = 0; i < _w.Length; i++)
            {
                _w[i] = _dx[i] - (_dxreg[i] * beta);
            }
        }
    }
}
