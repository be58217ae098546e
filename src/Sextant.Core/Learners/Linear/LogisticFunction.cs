namespace Sextant.Learners.Linear;

/// <summary>The logistic sigmoid and its companions, written so no argument overflows or cancels.</summary>
internal static class LogisticFunction
{
    /// <summary><c>1 / (1 + exp(-z))</c> without overflow for any finite z.</summary>
    public static double Sigmoid(double z)
    {
        if (z >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-z));
        }

        double e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary><c>log(1 + exp(z))</c> without overflow, and accurate when the result is tiny.</summary>
    public static double Softplus(double z) => Math.Max(z, 0) + Log1P(Math.Exp(-Math.Abs(z)));

    /// <summary><c>sigmoid(z) * (1 - sigmoid(z))</c> computed without forming <c>1 - sigmoid(z)</c>, which cancels for large z.</summary>
    public static double SigmoidDerivative(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        double denominator = 1.0 + e;
        return e / (denominator * denominator);
    }

    // log(1 + x) to full relative precision for small x (Goldberg's trick): the rounding in 1 + x cancels.
    private static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
