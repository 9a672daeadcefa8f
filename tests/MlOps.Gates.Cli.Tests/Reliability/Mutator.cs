using System.Text;

namespace MlOps.Gates.Cli.Tests.Reliability;

/// <summary>Damages a valid input the ways real files get damaged or attacked, from a seed, so a failure can be replayed.</summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Insertions =
    [
        "\"", ",", "\n", "\r\n", "\t", ";", "\\", "'", "{", "}", "[", "]", ":", "- ", "&a ", "*a", "!!", "%", "#",
        "1e308", "-1e400", "NaN", "Infinity", "99999999999999999999999999", "\u0000", "\uFEFF", "é", "𝄞", "<script>",
        "  ", "---\n", "...", "~", "null", "yes", "0x1F", "..", "../", "/etc/passwd",
    ];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    /// <summary>One to three damages of the bytes: bit flips, truncations, insertions, deletions, repeats.</summary>
    public byte[] Mutate(byte[] input)
    {
        var bytes = new List<byte>(input);
        var damages = 1 + _random.Next(3);
        for (var d = 0; d < damages; d++)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2 or 3:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Insertions[_random.Next(Insertions.Length)]));
                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(1 + _random.Next(8), bytes.Count - at));
                    break;
                case 5 when bytes.Count > 0:
                    var length = Math.Min(1 + _random.Next(64), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 6:
                    bytes.Insert(at, (byte)(0x80 + _random.Next(0x80)));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', 1 + _random.Next(100))));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
