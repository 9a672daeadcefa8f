using System.Globalization;
using System.Numerics;
using System.Text;

namespace MlOps.Gates.Tests;

/// <summary>The sample standard deviation against an exact rational computation, where a running update loses digits.</summary>
public sealed class StandardDeviationPrecisionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1.7e12, 1000.0, 10_000)]
    [InlineData(1e9, 0.001, 5_000)]
    [InlineData(0.0, 1.0, 3_000)]
    public void Matches_the_exact_value_for_large_means_and_small_spreads(double mean, double spread, int count)
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, count).Select(_ => mean + (random.NextDouble() * spread)).ToArray();
        var csv = new StringBuilder("t\n");
        foreach (var value in values)
        {
            csv.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        var stdev = (double)Gates.Single(_dir, csv.ToString(), "- {expect: stdev_between, column: t, min: 0}").ObservedValue!;
        var meanSeen = (double)Gates.Single(_dir, csv.ToString(), "- {expect: mean_between, column: t, min: -1e300}").ObservedValue!;

        var (exactVariance, exactMean) = Exact(values);
        var exactStdev = Math.Sqrt(exactVariance);
        Assert.True(Math.Abs(stdev - exactStdev) / exactStdev < 1e-12, $"stdev {stdev:R} against exact {exactStdev:R}: relative error {Math.Abs(stdev - exactStdev) / exactStdev:E2}");
        Assert.True(Math.Abs(meanSeen - exactMean) <= Math.Abs(exactMean) * 1e-15 + 1e-15, $"mean {meanSeen:R} against exact {exactMean:R}");
    }

    /// <summary>The sample variance and mean of doubles computed in rationals: every double is an integer times a power of two.</summary>
    private static (double Variance, double Mean) Exact(double[] values)
    {
        var parts = values.Select(Decompose).ToArray();
        var shift = parts.Min(p => p.Exponent);
        var integers = parts.Select(p => p.Mantissa << (p.Exponent - shift)).ToArray();
        BigInteger n = values.Length;
        var sum = integers.Aggregate(BigInteger.Zero, (a, b) => a + b);
        var squares = integers.Aggregate(BigInteger.Zero, (a, b) => a + (b * b));
        var numerator = (n * squares) - (sum * sum);
        var denominator = n * (n - 1);

        // variance = numerator / denominator * 2^(2 shift); mean = sum / n * 2^shift.
        return (Divide(numerator, denominator, 2 * shift), Divide(sum, n, shift));
    }

    private static double Divide(BigInteger numerator, BigInteger denominator, int binaryExponent)
    {
        const int Bits = 200;
        var quotient = (numerator << Bits) / denominator;
        return Math.ScaleB((double)quotient, binaryExponent - Bits);
    }

    private static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        BigInteger m = mantissa;
        return (negative ? -m : m, exponent - 1075);
    }
}
