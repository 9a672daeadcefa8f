using System.Globalization;
using MlOps.Gates.Data;

namespace MlOps.Gates.Tests;

/// <summary>The cell number parser gives the same double as .NET's correctly rounded parser, on the fast path and off it.</summary>
public sealed class NumbersTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("007")]
    [InlineData("0.1")]
    [InlineData("-1.039984")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("12345678901234567890")]
    [InlineData("0.123456789012345")]
    [InlineData("0.1234567890123456789")]
    [InlineData("9007199254740993")]
    [InlineData("1e5")]
    [InlineData("-2.5E-3")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("+3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Numbers_parse_as_the_reference_parser_does(string text)
    {
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        Assert.True(Numbers.TryParse(text, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1x")]
    [InlineData("1.2.3")]
    [InlineData("c3")]
    [InlineData("1,5")]
    public void Text_that_is_not_a_whole_number_is_not_parsed(string text)
    {
        Assert.False(Numbers.TryParse(text, out _));
    }

    [Fact]
    public void Random_decimals_parse_bit_for_bit_as_the_reference_parser_does()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 200_000; i++)
        {
            var integer = random.NextInt64(0, (long)Math.Pow(10, random.Next(1, 17)));
            var decimals = random.Next(0, 17);
            var fraction = decimals == 0 ? string.Empty : "." + random.NextInt64(0, (long)Math.Pow(10, Math.Min(decimals, 18))).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0');
            var text = (random.Next(2) == 0 ? "-" : string.Empty) + integer.ToString(CultureInfo.InvariantCulture) + fraction;
            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

            Assert.True(Numbers.TryParse(text, out var value), text);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), text);
        }
    }
}
