using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Mail;

/// <summary>
/// Without SMTP, mail is written as .eml files to a folder (open them with any mail client) and the log says where,
/// so confirmation and invitation links still reach a developer.
/// </summary>
public sealed class FolderOutboxMailSender(IOptions<MailOptions> options, ILogger<FolderOutboxMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var directory = Path.GetFullPath(options.Value.OutboxDirectory);
        Directory.CreateDirectory(directory);
        var safeTo = string.Concat(mail.To.Select(c => char.IsLetterOrDigit(c) || c is '@' or '.' or '-' ? c : '_'));
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fffffff}-{safeTo}.eml");
        await MimeMailFactory.Create(options.Value, mail).WriteToAsync(path, ct);
        logger.LogInformation("Mail to {To} ({Subject}) written to {Path}", mail.To, mail.Subject, path);
    }
}
