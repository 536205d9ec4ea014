using System.Diagnostics;
using System.Net;
using MimeKit;
using MimeKit.Text;

namespace GalaxyCo.E2E.Infrastructure;

/// <summary>
/// The app's mail outbox folder (no SMTP configured: every message is an .eml file named
/// <c>yyyyMMdd-HHmmss-fffffff-&lt;to&gt;.eml</c>), read the way a person would read their inbox.
/// </summary>
public sealed class MailOutbox(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Waits for the newest mail to <paramref name="to"/> (optionally with a subject containing the text) and returns the first http(s) link of its HTML part.</summary>
    public async Task<string> WaitForLinkAsync(string to, string? subjectContains = null, TimeSpan? timeout = null)
    {
        var message = await WaitForNewestAsync(to, subjectContains, timeout);
        return FirstLink(message)
            ?? throw new InvalidOperationException($"The mail \"{message.Subject}\" to {to} has no http link in its HTML part:\n{message.HtmlBody}");
    }

    public async Task<MimeMessage> WaitForNewestAsync(string to, string? subjectContains = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (Newest(to, subjectContains) is { } found) return found;
            if (watch.Elapsed > limit)
            {
                var present = System.IO.Directory.Exists(Directory)
                    ? string.Join(", ", System.IO.Directory.GetFiles(Directory, "*.eml").Select(Path.GetFileName))
                    : "(folder missing)";
                throw new System.TimeoutException($"No mail to {to}{(subjectContains is null ? "" : $" about \"{subjectContains}\"")} in {Directory} after {limit.TotalSeconds:0} s. Files: {present}");
            }
            await Task.Delay(150);
        }
    }

    /// <summary>The first absolute http(s) href in the HTML part, with HTML entities (&amp;amp;) decoded.</summary>
    public static string? FirstLink(MimeMessage message)
    {
        if (message.HtmlBody is not { } html) return null;
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is not HtmlTagToken { Id: HtmlTagId.A, IsEndTag: false } tag) continue;
            var href = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value;
            if (href is null) continue;
            // The tokenizer already decodes character references; decoding again is harmless for a URL and covers a double-encoded one.
            href = WebUtility.HtmlDecode(href).Trim();
            if (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                return href;
        }
        return null;
    }

    private MimeMessage? Newest(string to, string? subjectContains)
    {
        if (!System.IO.Directory.Exists(Directory)) return null;
        // File names start with a sortable UTC timestamp: newest last.
        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.eml").OrderDescending(StringComparer.Ordinal))
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(path);
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                continue; // still being written
            }
            if (!message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))) continue;
            if (subjectContains is not null && !(message.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase)) continue;
            if (message.HtmlBody is null) continue; // a half-written file parses without its HTML part
            return message;
        }
        return null;
    }
}
