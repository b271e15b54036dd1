using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace MLEDojo.Rollouts.Reporting;

/// <summary>HTML escaping that leaves readable characters (±, ·, –) as they are: the page is UTF-8.</summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
