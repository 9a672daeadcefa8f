using System.Diagnostics;
using System.Text;

namespace MlOps.Gates.Tests;

/// <summary>A pattern that backtracks badly on a hostile value cannot hang the gate: the value is judged all the same, or reported as not judged.</summary>
public sealed class RegexCheckTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_catastrophic_pattern_is_rematched_without_backtracking_and_judged()
    {
        var hostile = new string('a', 40) + "!";
        var watch = Stopwatch.StartNew();
        var result = Gates.Single(_dir, $"x\naaa\n{hostile}\n", "- expect: regex\n  column: x\n  pattern: '^(a+)+$'");

        Assert.Equal([hostile], result.PartialUnexpected.Select(u => u.Value));
        Assert.DoesNotContain("could not be matched", result.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
    }

    [Fact]
    public void A_value_no_engine_can_judge_in_time_counts_as_unexpected_and_says_so()
    {
        // A backreference keeps the pattern on the backtracking engine.
        var hostile = new string('a', 40) + "!";
        var result = Gates.Single(_dir, $"x\nb\n{hostile}\n", "- expect: not_match_regex\n  column: x\n  pattern: '^(a+)+\\1$'");

        Assert.False(result.Success);
        Assert.Equal([hostile], result.PartialUnexpected.Select(u => u.Value));
        Assert.Contains("1 values could not be matched within 1 s", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_distinct_values_are_judged_alike_before_and_after_the_engine_changes()
    {
        var csv = new StringBuilder("x\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(i % 7 == 0 ? $"id-{i}x" : $"id-{i}").Append('\n');
        }

        var result = Gates.Single(_dir, csv.ToString(), "- expect: regex\n  column: x\n  pattern: '^id-\\d+$'");

        Assert.Equal(7143, result.UnexpectedCount);
        Assert.Equal("id-0x", result.PartialUnexpected[0].Value);
    }
}
