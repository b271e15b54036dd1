using System.Globalization;
using System.Text;

namespace MLEDojo.Rollouts.Reporting;

/// <summary>A small SVG writer: inline charts with no script and nothing fetched, so a report is one file that opens anywhere.</summary>
public sealed class Svg(double width, double height)
{
    private readonly StringBuilder _body = new();

    public double Width => width;
    public double Height => height;

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string extra = "") =>
        Add($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\" {extra}/>");

    public Svg Rect(double x, double y, double w, double h, string fill, string? title = null, string extra = "") =>
        Add($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, w))}\" height=\"{N(Math.Max(0, h))}\" fill=\"{fill}\" {extra}>{Title(title)}</rect>");

    public Svg Circle(double cx, double cy, double r, string fill, string? title = null, string extra = "") =>
        Add($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\" {extra}>{Title(title)}</circle>");

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double strokeWidth, string extra = "") =>
        Add($"<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\" points=\"{string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)))}\" {extra}/>");

    public Svg Text(double x, double y, string text, string anchor = "start", double size = 11, string fill = "#444", string extra = "") =>
        Add($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{fill}\" {extra}>{Html.Encode(text)}</text>");

    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\">{_body}</svg>";

    private Svg Add(string element)
    {
        _body.Append(element);
        return this;
    }

    private static string Title(string? title) => title is null ? "" : $"<title>{Html.Encode(title)}</title>";

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
