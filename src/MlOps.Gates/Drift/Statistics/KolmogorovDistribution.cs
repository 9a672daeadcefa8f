namespace MlOps.Gates.Drift.Statistics;

/// <summary>
/// The two-sided one-sample Kolmogorov-Smirnov distribution for finite n: P(D_n &gt; x). It follows the method
/// selection of Simard and L'Ecuyer (2011, "Computing the Two-Sided Kolmogorov-Smirnov Distribution"), as scipy's
/// <c>kstwo</c> does: Ruben-Gambino's closed forms at the ends, Durbin's matrix in Marsaglia-Tsang-Wang's form,
/// the Pelz-Good expansion for large n, and twice the one-sided Smirnov tail where that is exact enough.
/// </summary>
public static class KolmogorovDistribution
{
    private const double SqrtTwoPi = 2.5066282746310002;

    public static double Sf(double x, int n)
    {
        if (x >= 1.0)
        {
            return 0;
        }

        if (x <= 0.0)
        {
            return 1;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1;
            }

            // P(D_n <= x) = n!/n^n (2t - 1)^n for 1/2n <= x <= 1/n.
            var logCdf = LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1));
            return Clip(1 - Math.Exp(logCdf));
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * Smirnov.Sf(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 4)
            {
                return Clip(1 - DurbinCdf(n, x));
            }

            return Clip(2 * Smirnov.Sf(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * Smirnov.Sf(n, x));
        }

        var cdf = n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinCdf(n, x) : PelzGoodCdf(n, x);
        return Clip(1 - cdf);
    }

    /// <summary>log(n!/n^n), exactly for small n and by Stirling's series beyond.</summary>
    private static double LogFactorialOverPower(int n)
    {
        if (n <= 170)
        {
            double value = 0;
            for (var i = 1; i <= n; i++)
            {
                value += Math.Log((double)i / n);
            }

            return value;
        }

        var r = 1.0 / n;
        var r2 = r * r;
        var series = r * (1.0 / 12 - (r2 * (1.0 / 360 - (r2 * (1.0 / 1260 - (r2 / 1680))))));
        return (0.5 * Math.Log(n)) - n + (0.5 * Math.Log(2 * Math.PI)) + series;
    }

    /// <summary>P(D_n &lt;= d) by Durbin's matrix method, as Marsaglia, Tsang and Wang (2003) compute it, with explicit exponent bookkeeping.</summary>
    internal static double DurbinCdf(int n, double d)
    {
        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;
        var matrix = new double[m, m];
        var v = new double[m];
        var w = new double[m];
        var factorial = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = factorial;
            factorial /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * factorial;
        }

        var tail = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tail) * factorial;
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                matrix[r, i] = w[r - i + 1];
            }
        }

        for (var r = 0; r < m; r++)
        {
            matrix[r, 0] = v[r];
            matrix[m - 1, r] = v[m - 1 - r];
        }

        var power = Identity(m);
        var powerExponent = 0;
        var matrixExponent = 0;
        for (var remaining = n; remaining > 0; remaining /= 2)
        {
            if ((remaining & 1) == 1)
            {
                power = Multiply(power, matrix);
                powerExponent += matrixExponent;
            }

            matrix = Multiply(matrix, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[k - 1, k - 1]) > 3.402823669209385e38)
            {
                Scale(matrix, 2.938735877055719e-39);
                matrixExponent += 128;
            }
        }

        var p = power[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < 2.938735877055719e-39)
            {
                p *= 3.402823669209385e38;
                powerExponent -= 128;
            }
        }

        return Math.ScaleB(p, powerExponent);
    }

    /// <summary>P(D_n &lt;= x) by the Pelz-Good (1976) expansion of Li-Chien and Korolyuk's series in 1/sqrt(n).</summary>
    internal static double PelzGoodCdf(int n, double x)
    {
        var z = Math.Sqrt(n) * x;
        var z2 = z * z;
        var z3 = z2 * z;
        var z4 = z2 * z2;
        var z6 = z4 * z2;
        const double pi2 = Math.PI * Math.PI;
        const double pi4 = pi2 * pi2;
        const double pi6 = pi4 * pi2;
        var logQ = -pi2 / 8 / z2;
        if (logQ < -708)
        {
            return 0;
        }

        var q = Math.Exp(logQ);
        var k1a = -z2;
        var k1b = pi2 / 4;
        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * pi2 / 4;
        var k2c = pi4 * (1 - (2 * z2)) / 16;
        var k3d = pi6 * (5 - (30 * z2)) / 64;
        var k3c = pi4 * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = pi2 * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * z4 * z4);
        Span<double> terms = stackalloc double[4];
        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxK; k >= 1; k--)
        {
            double m = (2 * k) - 1;
            var m2 = m * m;
            var m4 = m2 * m2;
            var m6 = m4 * m2;
            var qPower = Math.Pow(q, 8 * k);
            terms[0] = (terms[0] * qPower) + 1.0;
            terms[1] = (terms[1] * qPower) + k1a + (k1b * m2);
            terms[2] = (terms[2] * qPower) + k2a + (k2b * m2) + (k2c * m4);
            terms[3] = (terms[3] * qPower) + k3a + (k3b * m2) + (k3c * m4) + (k3d * m6);
        }

        ReadOnlySpan<double> divisors = [z, 6 * z4, 72 * z4 * z3, 6480 * z4 * z6];
        for (var i = 0; i < 4; i++)
        {
            terms[i] = terms[i] * q * SqrtTwoPi / divisors[i];
        }

        var q2 = Math.Exp(-pi2 / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double extra2 = 0;
        double extra3 = 0;
        for (var k = maxK; k >= 1; k--)
        {
            double k2 = (double)k * k;
            var qk = Math.Pow(q2, k2);
            extra2 += k2 * qk;
            var kpi = Math.PI * k;
            extra3 += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
        }

        terms[2] += extra2 * pi2 * SqrtTwoPi / (-36 * z3);
        terms[3] += extra3 * pi2 * SqrtTwoPi / (216 * z6);
        var sqrtN = Math.Sqrt(n);
        return terms[0] + (terms[1] / sqrtN) + (terms[2] / n) + (terms[3] / (n * sqrtN));
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);

    private static double[,] Identity(int m)
    {
        var identity = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            identity[i, i] = 1;
        }

        return identity;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var result = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var k = 0; k < m; k++)
            {
                var aik = a[i, k];
                if (aik == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[i, j] += aik * b[k, j];
                }
            }
        }

        return result;
    }

    private static void Scale(double[,] matrix, double factor)
    {
        var m = matrix.GetLength(0);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                matrix[i, j] *= factor;
            }
        }
    }
}
