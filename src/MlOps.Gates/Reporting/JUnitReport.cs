using System.Globalization;
using System.Text;
using System.Xml;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>
/// junit.xml written with an XML writer, so it is well formed whatever the data holds: a test suite per gate and a
/// test case per check; warnings pass with a <c>system-out</c> note, since JUnit has no warning state.
/// </summary>
public static class JUnitReport
{
    public static string Write(RunResult run)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true };
        using (var xml = XmlWriter.Create(builder, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "MlOps.Gates");
            xml.WriteAttributeString("tests", Count(run.Gates.Sum(g => g.Checks.Count)));
            xml.WriteAttributeString("failures", Count(run.Gates.Sum(g => g.FailedChecks)));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", Seconds(run.Duration));
            foreach (var gate in run.Gates)
            {
                WriteSuite(xml, gate);
            }

            xml.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + builder.Append('\n');
    }

    private static void WriteSuite(XmlWriter xml, GateResult gate)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(gate.Name));
        xml.WriteAttributeString("tests", Count(gate.Checks.Count));
        xml.WriteAttributeString("failures", Count(gate.FailedChecks));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", Seconds(gate.Duration));
        xml.WriteStartElement("properties");
        Property(xml, "type", gate.Type);
        foreach (var (key, value) in gate.Evidence)
        {
            Property(xml, key, value);
        }

        xml.WriteEndElement();
        foreach (var check in gate.Checks)
        {
            WriteCase(xml, gate, check);
        }

        xml.WriteEndElement();
    }

    private static void WriteCase(XmlWriter xml, GateResult gate, CheckResult check)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", "mlops-gates." + Clean(gate.Name));
        xml.WriteAttributeString("name", Clean(check.Id));
        xml.WriteAttributeString("time", "0");
        if (check.Location is { } location)
        {
            xml.WriteAttributeString("file", Clean(location.File));
            if (location.Line > 0)
            {
                xml.WriteAttributeString("line", Count(location.Line));
            }
        }

        switch (check.Status)
        {
            case GateStatus.Failed:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", Clean(check.Code));
                xml.WriteAttributeString("message", Clean(check.Message));
                var body = new StringBuilder().Append(check.Description).Append('\n').Append(check.Message).Append('\n');
                foreach (var unexpected in check.PartialUnexpected)
                {
                    body.Append("row ").Append(unexpected.Row.ToString(CultureInfo.InvariantCulture));
                    if (unexpected.Location is { } at)
                    {
                        body.Append(" at ").Append(at);
                    }

                    body.Append(": ").Append(unexpected.Value ?? "(missing)").Append('\n');
                }

                xml.WriteString(Clean(body.ToString()));
                xml.WriteEndElement();
                break;
            case GateStatus.Warning:
                xml.WriteElementString("system-out", Clean($"warning {check.Code}: {check.Message}"));
                break;
        }

        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", Clean(name));
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>Data text without the characters XML 1.0 cannot hold (control characters, lone surrogates).</summary>
    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c))
            {
                return Strip(text);
            }
        }

        return text;
    }

    private static string Strip(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append('\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
