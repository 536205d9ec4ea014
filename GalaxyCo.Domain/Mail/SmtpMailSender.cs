using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Mail;

public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(o.Smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), o.Smtp.Port, Enum.Parse<SecureSocketOptions>(o.Smtp.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(o.Smtp.Username)) await client.AuthenticateAsync(o.Smtp.Username, o.Smtp.Password ?? "", ct);
        await client.SendAsync(MimeMailFactory.Create(o, mail), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
