using System.Net;
using System.Text;

namespace Sextant.Reports.Rendering;

/// <summary>
/// Renders a <see cref="ReportDocument"/>: a self-contained HTML page (styles and SVG inline, no script, nothing fetched,
/// so it works from a file:// URL offline) or Markdown with the charts as SVG files.
/// </summary>
public static class ReportRenderer
{
    private const string Style = """
        :root{color-scheme:light}
        body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#222;background:#fafafa;line-height:1.45}
        header{background:#0b3954;color:#fff;padding:1rem 1.5rem}
        header h1{margin:0;font-size:1.5rem}header p{margin:.25rem 0 0;opacity:.85}
        nav{padding:.5rem 1.5rem;background:#fff;border-bottom:1px solid #ddd}
        nav a{margin-right:1rem;color:#0b3954}
        main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
        section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.5rem 1rem 1rem;margin:1rem 0}
        h2{font-size:1.25rem;border-bottom:1px solid #eee;padding-bottom:.25rem}h3{font-size:1.05rem}
        table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
        th,td{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
        th{background:#f3f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:.5rem 0;overflow-x:auto}svg.chart{max-width:100%;height:auto}
        a:focus{outline:2px solid #e69f00}
        """;

    /// <summary>The whole page.</summary>
    public static string ToHtml(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(document.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<header><h1>").Append(E(document.Title)).Append("</h1><p>").Append(E(document.Subtitle)).Append("</p></header>\n");
        AppendBody(sb, document, "<main>\n", "</main>\n");
        return sb.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// The report's section links and sections without the page around them (no head, style or title), for a page
    /// that brings its own (the dashboard).
    /// </summary>
    public static string ToHtmlFragment(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        AppendBody(sb, document, "<div class=\"report\">\n", "</div>\n");
        return sb.ToString();
    }

    private static void AppendBody(StringBuilder sb, ReportDocument document, string open, string close)
    {
        sb.Append("<nav aria-label=\"Sections\">");
        foreach (var section in document.Sections.Where(s => s.Level == 2))
        {
            sb.Append("<a href=\"#").Append(E(section.Id)).Append("\">").Append(E(section.Title)).Append("</a>");
        }

        sb.Append("</nav>\n").Append(open);
        var inSection = false;
        foreach (var section in document.Sections)
        {
            if (section.Level == 2)
            {
                if (inSection)
                {
                    sb.Append("</section>\n");
                }

                sb.Append("<section id=\"").Append(E(section.Id)).Append("\" aria-labelledby=\"").Append(E(section.Id)).Append("-h\">\n<h2 id=\"").Append(E(section.Id)).Append("-h\">").Append(E(section.Title)).Append("</h2>\n");
                inSection = true;
            }
            else
            {
                sb.Append("<h3 id=\"").Append(E(section.Id)).Append("\">").Append(E(section.Title)).Append("</h3>\n");
            }

            foreach (var block in section.Blocks)
            {
                HtmlBlock(sb, block);
            }
        }

        if (inSection)
        {
            sb.Append("</section>\n");
        }

        sb.Append(close);
    }

    /// <summary>Markdown with each chart as <c>charts/&lt;name&gt;.svg</c>.</summary>
    public static MarkdownReport ToMarkdown(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        sb.Append("# ").Append(document.Title).Append("\n\n").Append(document.Subtitle).Append("\n\n");
        foreach (var section in document.Sections)
        {
            sb.Append(new string('#', section.Level)).Append(' ').Append(section.Title).Append("\n\n");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ParagraphBlock p:
                        sb.Append(p.Text).Append("\n\n");
                        break;
                    case ListBlock l:
                        foreach (var item in l.Items)
                        {
                            sb.Append("- ").Append(item).Append('\n');
                        }

                        sb.Append('\n');
                        break;
                    case TableBlock t:
                        sb.Append("| ").Append(string.Join(" | ", t.Headers.Select(Cell))).Append(" |\n|");
                        for (var c = 0; c < t.Headers.Count; c++)
                        {
                            sb.Append(t.NumericColumns.Contains(c) ? "---:|" : "---|");
                        }

                        sb.Append('\n');
                        foreach (var row in t.Rows)
                        {
                            sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                        }

                        sb.Append('\n');
                        break;
                    case ChartBlock c:
                        var path = $"charts/{c.Name}.svg";
                        files[path] = c.Svg;
                        sb.Append("![").Append(c.Title.Replace("]", ")", StringComparison.Ordinal)).Append("](").Append(path).Append(")\n\n");
                        break;
                }
            }
        }

        return new MarkdownReport(sb.ToString(), files);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static void HtmlBlock(StringBuilder sb, ReportBlock block)
    {
        switch (block)
        {
            case ParagraphBlock p:
                sb.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                break;
            case ListBlock l:
                sb.Append("<ul>\n");
                foreach (var item in l.Items)
                {
                    sb.Append("<li>").Append(E(item)).Append("</li>\n");
                }

                sb.Append("</ul>\n");
                break;
            case TableBlock t:
                sb.Append("<table>\n<thead><tr>");
                foreach (var h in t.Headers)
                {
                    sb.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
                }

                sb.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in t.Rows)
                {
                    sb.Append("<tr>");
                    for (var c = 0; c < row.Count; c++)
                    {
                        sb.Append(t.NumericColumns.Contains(c) ? "<td class=\"num\">" : "<td>").Append(E(row[c])).Append("</td>");
                    }

                    sb.Append("</tr>\n");
                }

                sb.Append("</tbody>\n</table>\n");
                break;
            case ChartBlock c:
                // Inline SVG needs no namespace declaration in HTML; dropping it leaves the page without any URL at all.
                sb.Append("<figure>\n").Append(c.Svg.Replace(" xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal)).Append("</figure>\n");
                break;
        }
    }
}
