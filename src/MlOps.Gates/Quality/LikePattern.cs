using System.Text;
using System.Text.RegularExpressions;

namespace MlOps.Gates.Quality;

/// <summary>SQL's LIKE as a regular expression: <c>%</c> any run of characters, <c>_</c> one character, the rest literal, the whole value, case-sensitive.</summary>
public static class LikePattern
{
    public static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^(?s:");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return regex.Append(@")\z").ToString();
    }
}
