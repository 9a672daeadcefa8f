using MlOps.Gates.Quality;

namespace MlOps.Gates.Tests;

/// <summary>The table of distinct values: a huge row estimate sizes it within bounds, and it grows past its first size.</summary>
public sealed class ValueTableTests
{
    [Fact]
    public void A_huge_row_estimate_does_not_size_the_table_to_it()
    {
        // Sized to the estimate this would be 2^30 slots of 32 bytes: 32 GB before a single value is read.
        var table = new ValueTable(int.MaxValue);

        for (var i = 0; i < 10; i++)
        {
            table.Find(new UInt128(0, (ulong)i % 5), out _);
        }

        Assert.Equal(5, table.Count);
    }

    [Fact]
    public void It_grows_and_keeps_every_entry()
    {
        var table = new ValueTable(1);
        for (ulong i = 0; i < 100_000; i++)
        {
            table.Find(new UInt128(unchecked(i * 0x9E3779B97F4A7C15), i), out var exists).Row = (long)i;
            Assert.False(exists);
        }

        Assert.Equal(100_000, table.Count);
        Assert.Equal(77_777, table.Find(new UInt128(unchecked(77_777UL * 0x9E3779B97F4A7C15), 77_777), out var found).Row);
        Assert.True(found);
    }
}
