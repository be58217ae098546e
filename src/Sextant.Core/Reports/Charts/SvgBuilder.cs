using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sextant.Reports.Charts;

/// <summary>
/// Writes SVG text: coordinates with two decimals in the invariant culture, text escaped, and the document wrapped with
/// an accessible <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c> whose ids come from the chart's content, so the same chart
/// is the same bytes and two charts on one page never share an id.
/// </summary>
internal sealed class SvgBuilder
{
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

    private readonly StringBuilder _body = new();

    public SvgBuilder(int width, int height)
    {
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>Estimated width of text in pixels (no font measurement: same output on every machine).</summary>
    public static double TextWidth(string text, double size) => text.Length * size * 0.58;

    public SvgBuilder Raw(string markup)
    {
        _body.Append(markup).Append('\n');
        return this;
    }

    public SvgBuilder Rect(double x, double y, double width, double height, string fill, string? cssClass = null, string? tooltip = null, string? extra = null)
    {
        _body.Append("<rect");
        Class(cssClass);
        _body.Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
            .Append("\" width=\"").Append(N(Math.Max(0, width))).Append("\" height=\"").Append(N(Math.Max(0, height)))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (extra is not null)
        {
            _body.Append(' ').Append(extra);
        }

        Close("rect", tooltip);
        return this;
    }

    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? cssClass = null)
    {
        _body.Append("<line");
        Class(cssClass);
        _body.Append(" x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1)).Append("\" x2=\"").Append(N(x2)).Append("\" y2=\"").Append(N(y2))
            .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append("\"/>\n");
        return this;
    }

    public SvgBuilder Circle(double cx, double cy, double r, string fill, string? cssClass = null, string? tooltip = null, double opacity = 1)
    {
        _body.Append("<circle");
        Class(cssClass);
        _body.Append(" cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy)).Append("\" r=\"").Append(N(r)).Append("\" fill=\"").Append(fill).Append('"');
        if (opacity < 1)
        {
            _body.Append(" fill-opacity=\"").Append(N(opacity)).Append('"');
        }

        Close("circle", tooltip);
        return this;
    }

    public SvgBuilder Path(string data, string stroke, string fill, double width, string? cssClass = null, string? extra = null, string? tooltip = null)
    {
        _body.Append("<path");
        Class(cssClass);
        _body.Append(" d=\"").Append(data).Append("\" stroke=\"").Append(stroke).Append("\" fill=\"").Append(fill).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (extra is not null)
        {
            _body.Append(' ').Append(extra);
        }

        Close("path", tooltip);
        return this;
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> degrees about (x, y).</summary>
    public SvgBuilder Text(double x, double y, string text, double size = 12, string anchor = "start", string fill = "#333", double rotate = 0, string? weight = null, string? cssClass = null)
    {
        _body.Append("<text");
        Class(cssClass);
        _body.Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append('"');
        if (size != 12)
        {
            _body.Append(" font-size=\"").Append(N(size)).Append('"');
        }

        if (anchor != "start")
        {
            _body.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        if (fill != "#333")
        {
            _body.Append(" fill=\"").Append(fill).Append('"');
        }

        if (weight is not null)
        {
            _body.Append(" font-weight=\"").Append(weight).Append('"');
        }

        if (rotate != 0)
        {
            _body.Append(" transform=\"rotate(").Append(N(rotate)).Append(' ').Append(N(x)).Append(' ').Append(N(y)).Append(")\"");
        }

        _body.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>The whole document: <c>&lt;svg&gt;</c> with role, size, title, description and the body.</summary>
    public string Build(string title, string description)
    {
        var body = _body.ToString();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(title + "\u001f" + description + "\u001f" + body));
        var id = "c" + Convert.ToHexStringLower(hash.AsSpan(0, 5));
        var sb = new StringBuilder(body.Length + 600);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
            .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" role=\"img\" aria-labelledby=\"").Append(id).Append("-t ").Append(id).Append("-d\" font-family=\"").Append(FontFamily).Append("\" font-size=\"12\">\n")
            .Append("<title id=\"").Append(id).Append("-t\">").Append(Escape(title)).Append("</title>\n")
            .Append("<desc id=\"").Append(id).Append("-d\">").Append(Escape(description)).Append("</desc>\n")
            .Append("<rect class=\"background\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" fill=\"#fff\"/>\n")
            .Append(body)
            .Append("</svg>\n");
        return sb.ToString();
    }

    private void Class(string? cssClass)
    {
        if (cssClass is not null)
        {
            _body.Append(" class=\"").Append(cssClass).Append('"');
        }
    }

    private void Close(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            _body.Append("/>\n");
        }
        else
        {
            _body.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(element).Append(">\n");
        }
    }
}
