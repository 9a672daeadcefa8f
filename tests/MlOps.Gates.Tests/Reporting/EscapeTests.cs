using MlOps.Gates.Reporting;

namespace MlOps.Gates.Tests;

public sealed class EscapeTests
{
    [Fact]
    public void Markdown_escapes_markup_html_mentions_and_line_breaks()
    {
        Assert.Equal("a&#124;b &lt;i&gt; &#64;team \\*x\\_ \\\\ one<br>two  ", Escape.Markdown("a|b <i> @team *x_ \\ one\r\ntwo\u0001 "));
    }

    [Fact]
    public void Xml_escapes_markup_and_drops_characters_xml_forbids()
    {
        Assert.Equal("&lt;a href=&quot;x&quot;&gt;&amp;&apos;\ttab\nline", Escape.Xml("<a href=\"x\">&'\ttab\u0000\nline\uFFFE"));
    }

    [Fact]
    public void Numbers_render_in_the_invariant_culture() => Assert.Equal("0.125", Escape.Text(0.125));
}
