namespace GalaxyCo.Domain.Mail;

/// <param name="Attachments">Files to attach (e.g. an invitation.ics); null or empty for none.</param>
public sealed record OutgoingMail(string To, string Subject, string HtmlBody, string TextBody, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file attached to a mail. <paramref name="ContentType"/> may carry parameters, e.g. "text/calendar; method=REQUEST".</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends mail through SMTP when configured, else drops it in the local outbox folder (see README).</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}

public sealed class MailOptions
{
    public const string Section = "Mail";
    public string From { get; set; } = "GalaxyCo <no-reply@galaxyco.local>";
    /// <summary>Where mail lands when no SMTP host is set: one .eml file per message.</summary>
    public string OutboxDirectory { get; set; } = ".galaxyco/mail-outbox";
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";
}
